package io.conops.ctl;

import io.conops.core.api.AppView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** {@code apps list}: every app with its sync status and health. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List apps with their sync status and health.")
final class AppsList implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Override
    public Integer call() {
        JsonNode answer = global.client().get(ApiClient.APPS);
        List<AppView> apps = Json.readList(answer, AppView.class);
        global.print(
                answer,
                () -> Views.apps(apps, global.now(), global.style()),
                () -> Views.appsWide(apps, global.style()));
        return ExitCodes.OK;
    }
}
