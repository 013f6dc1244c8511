package io.conops.ctl;

import io.conops.core.api.DeploymentView;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code apps history NAME}: the app's deployments, as the server orders them. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "List an app's deployments: commit, trigger, outcome and how long each took.")
final class AppsHistory implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME", description = "App name or id.")
    private String name;

    @Override
    public Integer call() {
        JsonNode answer = global.client().get(ApiClient.app(name) + "/deployments");
        List<DeploymentView> deployments = Json.readList(answer, DeploymentView.class);
        global.print(
                answer,
                () -> Views.deployments(deployments, global.now(), global.style(), false),
                () -> Views.deployments(deployments, global.now(), global.style(), true));
        return ExitCodes.OK;
    }
}
