package io.conops.ctl;

import io.conops.core.api.AppView;
import io.conops.core.api.DeploymentView;
import io.conops.core.api.RollbackRequest;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code apps rollback NAME [--to DEPLOYMENT|COMMIT]}: redeploys a recorded successful deployment
 * and pins the app there; without {@code --to}, the newest one that ran another commit than now.
 */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
            "Redeploy a recorded successful deployment and pin the app to its commit: new commits are",
            "recorded but not deployed until 'apps unpin'."
        })
final class AppsRollback implements Callable<Integer> {
    /** Deployment ids are short numbers; a commit is at least 7 hex characters. */
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("[0-9]{1,6}");

    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME", description = "App name or id.")
    private String name;

    @Option(
            names = "--to",
            paramLabel = "DEPLOYMENT|COMMIT",
            description = "A deployment id (see 'apps history') or a commit SHA (7 characters or more)."
                    + " Default: the last successful deployment of another commit than the one running.")
    private String to;

    @Override
    public Integer call() {
        String path = ApiClient.app(name);
        RollbackRequest request = to == null
                ? new RollbackRequest(previous(path), null)
                : DEPLOYMENT_ID.matcher(to).matches()
                        ? new RollbackRequest(Long.parseLong(to), null)
                        : new RollbackRequest(null, to);
        JsonNode answer = global.client().post(path + "/rollback", request);
        AppView app = Json.read(answer, AppView.class);
        global.print(
                answer,
                () -> List.of("rolling '" + name + "' back to " + Text.shortCommit(app.pinnedCommit())
                        + "; pinned: new commits are not deployed until 'conops-ctl apps unpin " + name + "'"));
        return ExitCodes.OK;
    }

    private long previous(String path) {
        AppView app = Json.read(global.client().get(path), AppView.class);
        List<DeploymentView> history = Json.readList(global.client().get(path + "/deployments"), DeploymentView.class);
        return history.stream()
                .filter(d -> d.outcome() == DeploymentView.Outcome.SUCCEEDED && d.commit() != null)
                .filter(d -> !d.commit().equals(app.lastSyncedCommit()))
                .findFirst()
                .map(DeploymentView::id)
                .orElseThrow(() -> new CtlException(
                        ExitCodes.NOT_FOUND,
                        "'" + name + "' has no earlier successful deployment of another commit; see 'apps history'"));
    }
}
