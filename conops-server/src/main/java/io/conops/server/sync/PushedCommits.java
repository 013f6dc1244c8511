package io.conops.server.sync;

import io.conops.core.app.Trigger;
import io.conops.core.port.GitPort;
import io.conops.core.reconcile.Action;
import io.conops.core.reconcile.Observation;
import io.conops.core.reconcile.ReconcilePolicy;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppStore;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A push that a verified webhook reported: the pushed commit is the app's head now (no ls-remote
 * needed), and a sync of it is queued at once, without waiting for a poll. A delivery that names
 * an ancestor of what is deployed may be stale (redelivered, or held up) rather than a rewind: the
 * app then polls at once, and the branch's real head decides.
 */
@Component
public class PushedCommits {
    private static final Logger log = LoggerFactory.getLogger(PushedCommits.class);

    private final AppStore store;
    private final ReconcilePolicy policy;
    private final SyncQueue queue;
    private final Clock clock;
    private final GitPort git;
    private final GitSources sources;
    private final Watcher watcher;

    PushedCommits(
            AppStore store,
            ReconcilePolicy policy,
            SyncQueue queue,
            Clock clock,
            GitPort git,
            GitSources sources,
            Watcher watcher) {
        this.store = store;
        this.policy = policy;
        this.queue = queue;
        this.clock = clock;
        this.git = git;
        this.sources = sources;
        this.watcher = watcher;
    }

    /**
     * @return true when a sync was queued or, for a commit older than the deployed one, a poll (the
     *     app exists and may move)
     */
    public boolean pushed(UUID app, String sha) {
        AppEntity entity = store.find(app).orElse(null);
        if (entity == null) {
            return false;
        }
        if (git.isStrictAncestor(sources.local(entity), sha, entity.getLastSyncedCommit())) {
            log.info(
                    "App {}: a webhook names {}, older than the deployed {}; polling the branch instead",
                    entity.getName(),
                    SyncRunner.abbrev(sha),
                    SyncRunner.abbrev(entity.getLastSyncedCommit()));
            watcher.pollNow(app);
            return true;
        }
        Action action = store.decide(
                        app, s -> policy.decide(s, Trigger.WEBHOOK, Observation.head(sha), clock.instant()))
                .orElse(null);
        if (action instanceof Action.Deploy) {
            queue.request(app, Trigger.WEBHOOK);
            return true;
        }
        return false;
    }
}
