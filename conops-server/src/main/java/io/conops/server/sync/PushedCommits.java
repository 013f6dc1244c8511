package io.conops.server.sync;

import io.conops.core.app.Trigger;
import io.conops.core.reconcile.Action;
import io.conops.core.reconcile.Observation;
import io.conops.core.reconcile.ReconcilePolicy;
import io.conops.server.app.AppStore;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A push that a verified webhook reported: the pushed commit is the app's head now (no ls-remote
 * needed), and a sync of it is queued at once, without waiting for a poll.
 */
@Component
public class PushedCommits {
    private final AppStore store;
    private final ReconcilePolicy policy;
    private final SyncQueue queue;
    private final Clock clock;

    PushedCommits(AppStore store, ReconcilePolicy policy, SyncQueue queue, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.queue = queue;
        this.clock = clock;
    }

    /** @return true when a sync was queued (the app exists and the policy wants the commit deployed) */
    public boolean pushed(UUID app, String sha) {
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
