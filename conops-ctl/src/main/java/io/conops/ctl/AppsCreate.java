package io.conops.ctl;

import io.conops.core.api.AppView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** {@code apps create}: registers an app from flags and/or {@code -f FILE}. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Register an app; ConOps starts watching and deploying it.")
final class AppsCreate implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Mixin
    private AppFields fields;

    @Override
    public Integer call() {
        return create(global, fields);
    }

    static int create(GlobalOptions global, AppFields fields) {
        var body = fields.body();
        if (!body.has("name") || !body.has("repo_url")) {
            throw new CtlException(
                    ExitCodes.USAGE, "name and repo_url are required: give --name and --repo-url, or -f FILE");
        }
        JsonNode answer = global.client().post(ApiClient.APPS, body);
        global.print(answer, () -> Views.app(Json.read(answer, AppView.class), global.now(), global.style()));
        return ExitCodes.OK;
    }
}
