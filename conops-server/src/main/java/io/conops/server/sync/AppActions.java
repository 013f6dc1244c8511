package io.conops.server.sync;

import io.conops.core.api.DeploymentView.Outcome;
import io.conops.core.app.InvalidSpecException;
import io.conops.core.app.Trigger;
import io.conops.core.reconcile.ReconcilePolicy;
import io.conops.server.access.Caller;
import io.conops.server.access.CurrentCaller;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppStore;
import io.conops.server.audit.AuditAction;
import io.conops.server.audit.AuditLog;
import java.time.Clock;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What a user asks of the loop, the same whether the API or the web UI asks: sync now, delete; each
 * recorded in the audit trail. {@code synced} means the sync was requested, its result is the
 * deployment record's.
 */
@Component
public class AppActions {
    private final SyncQueue queue;
    private final Watcher watcher;
    private final Teardown teardown;

    private final AuditLog audit;
    private final AppStore store;
    private final Deployments deployments;
    private final ReconcilePolicy policy;
    private final Requesters requesters;
    private final Clock clock;

    AppActions(
            SyncQueue queue,
            Watcher watcher,
            Teardown teardown,
            AuditLog audit,
            AppStore store,
            Deployments deployments,
            ReconcilePolicy policy,
            Requesters requesters,
            Clock clock) {
        this.audit = audit;
        this.store = store;
        this.deployments = deployments;
        this.policy = policy;
        this.requesters = requesters;
        this.clock = clock;
        this.queue = queue;
        this.watcher = watcher;
        this.teardown = teardown;
    }

    /** Resolves the branch head at once and syncs to it, whatever the app's status. */
    public void syncNow(AppEntity app) {
        audit.around(AuditAction.APP_SYNCED, app.getName(), null, () -> {
            requesters.note(app.getId(), caller());
            // the manual sync resolves the head itself: a poll beside it would decide on the same
            // head concurrently and could queue a second attempt; the next poll is one interval on
            watcher.resolvedNow(app.getId(), app.getPollInterval());
            queue.request(app.getId(), Trigger.MANUAL);
        });
    }

    /**
     * Redeploys what a recorded successful deployment ran, and pins the app to its commit: new heads
     * are recorded, not deployed, until {@link #unpin}. Exactly one of {@code deploymentId} and
     * {@code commit} (a full SHA or a prefix of at least 7 characters) names the deployment.
     *
     * @return the pinned commit
     */
    public String rollback(AppEntity app, Long deploymentId, String commit) {
        DeploymentEntity target = rollbackTarget(app, deploymentId, commit);
        String sha = target.getCommitSha();
        audit.around(AuditAction.APP_ROLLED_BACK, app.getName(), sha, () -> {
            store.transition(app.getId(), s -> policy.pin(s, sha, clock.instant()));
            requesters.note(app.getId(), caller());
            queue.request(app.getId(), Trigger.ROLLBACK);
        });
        return sha;
    }

    /** The app follows its branch again, and syncs to its head at once; nothing to do when not pinned. */
    public void unpin(AppEntity app) {
        if (app.getPinnedCommit() == null) {
            return;
        }
        audit.around(AuditAction.APP_UNPINNED, app.getName(), app.getPinnedCommit(), () -> {
            store.transition(app.getId(), s -> policy.unpin(s, clock.instant()));
            requesters.note(app.getId(), caller());
            // the manual sync resolves the head itself; a poll now would race it for the same deploy
            queue.request(app.getId(), Trigger.MANUAL);
        });
    }

    private DeploymentEntity rollbackTarget(AppEntity app, Long deploymentId, String commit) {
        if ((deploymentId == null) == (commit == null || commit.isBlank())) {
            throw new InvalidSpecException("deployment_id", "give exactly one of deployment_id and commit");
        }
        if (deploymentId != null) {
            DeploymentEntity d = deployments
                    .find(deploymentId)
                    .filter(x -> x.getAppId().equals(app.getId()))
                    .orElseThrow(() -> new InvalidSpecException(
                            "deployment_id", "no deployment " + deploymentId + " in this app's history"));
            if (d.getOutcome() != Outcome.SUCCEEDED || d.getCommitSha() == null) {
                throw new InvalidSpecException(
                        "deployment_id",
                        "deployment " + deploymentId + " did not succeed: only a successful one can be rolled back to");
            }
            return d;
        }
        String prefix = commit.strip().toLowerCase(Locale.ROOT);
        if (!prefix.matches("[0-9a-f]{7,64}")) {
            throw new InvalidSpecException("commit", "expected a commit SHA (at least 7 hex characters)");
        }
        return deployments
                .succeededWith(app.getId(), prefix)
                .orElseThrow(() -> new InvalidSpecException(
                        "commit", "no successful deployment of " + prefix + " in this app's history"));
    }

    private static String caller() {
        return CurrentCaller.get().map(Caller::name).orElse(null);
    }

    /** {@code compose down} (named volumes kept unless {@code removeVolumes}), then the app is forgotten. */
    public void delete(AppEntity app, boolean removeVolumes) {
        audit.around(AuditAction.APP_DELETED, app.getName(), null, () -> teardown.delete(app, removeVolumes));
    }
}
