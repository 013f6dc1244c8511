package io.conops.ctl;

import io.conops.core.api.AppView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code apps update NAME}: changes the fields given (PATCH); the rest stays. */
@Command(
        name = "update",
        mixinStandardHelpOptions = true,
        description = "Change an app: only the fields given by flag or -f FILE; --env/--env-file replace service_envs.")
final class AppsUpdate implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Mixin
    private AppFields fields;

    @Parameters(paramLabel = "NAME", description = "App name or id.")
    private String app;

    @Option(names = "--clear-envs", description = "Remove every service_envs variable.")
    private boolean clearEnvs;

    @Override
    public Integer call() {
        var body = fields.body();
        if (clearEnvs) {
            if (body.has("service_envs")) {
                throw new CtlException(ExitCodes.USAGE, "--clear-envs and --env/--env-file are mutually exclusive");
            }
            body.putNull("service_envs");
        }
        if (body.isEmpty()) {
            throw new CtlException(ExitCodes.USAGE, "nothing to change: give at least one field (see --help)");
        }
        JsonNode answer = global.client().patch(ApiClient.app(app), body);
        global.print(answer, () -> Views.app(Json.read(answer, AppView.class), global.now(), global.style()));
        return ExitCodes.OK;
    }
}
