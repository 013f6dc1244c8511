package io.conops.ctl;

import io.conops.core.api.AppView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code apps get NAME}: one app's spec and status. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one app: its spec and its status.")
final class AppsGet implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME", description = "App name or id.")
    private String name;

    @Override
    public Integer call() {
        JsonNode answer = global.client().get(ApiClient.app(name));
        global.print(answer, () -> Views.app(Json.read(answer, AppView.class), global.now(), global.style()));
        return ExitCodes.OK;
    }
}
