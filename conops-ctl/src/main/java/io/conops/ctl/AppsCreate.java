package io.conops.ctl;

import io.conops.core.api.AppView;
import io.conops.core.api.CreateAppRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code apps create}: registers an app. Values go to the server unchecked: its validation is the
 * one authority, and its answer names the field to fix.
 */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Register an app; ConOps starts watching and deploying it.")
final class AppsCreate implements Callable<Integer> {
    @Mixin
    private GlobalOptions global;

    @Option(
            names = "--name",
            required = true,
            paramLabel = "NAME",
            description = "App name, also the Compose project name: lowercase letters, digits, '-' and '_'.")
    private String name;

    @Option(
            names = "--repo-url",
            required = true,
            paramLabel = "URL",
            description = "Git repository: https://, ssh://, git@host:path or file:// (if the server allows it).")
    private String repoUrl;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "Branch to follow. Server default: main.")
    private String branch;

    @Option(
            names = "--compose-path",
            paramLabel = "PATH",
            description = "Compose file, relative to the repository root. Server default: compose.yaml.")
    private String composePath;

    @Option(
            names = "--poll-interval",
            paramLabel = "DURATION",
            description = "How often to look for new commits, e.g. 30s, 5m. Server default: 30s.")
    private String pollInterval;

    @Override
    public Integer call() {
        CreateAppRequest request = new CreateAppRequest(name, repoUrl, null, branch, composePath, pollInterval);
        JsonNode answer = global.client().post(ApiClient.APPS, request);
        global.print(answer, () -> Views.app(Json.read(answer, AppView.class)));
        return ExitCodes.OK;
    }
}
