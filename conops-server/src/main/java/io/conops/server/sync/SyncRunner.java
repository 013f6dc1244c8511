package io.conops.server.sync;

import io.conops.core.app.Trigger;
import io.conops.core.reconcile.Action;
import io.conops.core.reconcile.Observation;
import io.conops.core.reconcile.ReconcilePolicy;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppStore;
import io.conops.server.system.ConopsProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one turn of the loop for one app: observe, let the policy decide, then do exactly what it
 * said: deploy a commit (render, validate, pull, apply, wait, record), heal services of the last
 * successful deployment, or record why a sync could not start. It decides nothing itself.
 */
@Component
public class SyncRunner {
    private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

    private final AppStore store;
    private final Observer observer;
    private final ReconcilePolicy policy;
    private final Deployer deployer;
    private final StackSetSync stackSets;
    private final Healer healer;
    private final SyncRecorder recorder;
    private final Rechecks rechecks;
    private final AppLocks locks;
    private final ConopsProperties props;
    private final Clock clock;
    private final Requesters requesters;

    SyncRunner(
            AppStore store,
            Observer observer,
            ReconcilePolicy policy,
            Deployer deployer,
            StackSetSync stackSets,
            Healer healer,
            SyncRecorder recorder,
            Rechecks rechecks,
            AppLocks locks,
            ConopsProperties props,
            Clock clock,
            Requesters requesters) {
        this.store = store;
        this.observer = observer;
        this.policy = policy;
        this.deployer = deployer;
        this.stackSets = stackSets;
        this.healer = healer;
        this.recorder = recorder;
        this.rechecks = rechecks;
        this.locks = locks;
        this.props = props;
        this.clock = clock;
        this.requesters = requesters;
    }

    /** Runs one turn for the app; called from the app's slot in the work queue. */
    public void sync(UUID appId, Trigger trigger) {
        ReentrantLock lock = locks.of(appId);
        try {
            if (!lock.tryLock(props.syncTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("App {} is busy; sync ({}) skipped", appId, trigger);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            AppEntity app = store.find(appId).orElse(null);
            if (app == null) {
                rechecks.forget(appId);
                return; // deleted meanwhile
            }
            run(app, trigger);
        } finally {
            lock.unlock();
        }
    }

    private void run(AppEntity app, Trigger trigger) {
        // taken whatever the policy decides, so a note never outlives the request it belongs to
        String requestedBy =
                trigger == Trigger.MANUAL || trigger == Trigger.ROLLBACK ? requesters.take(app.getId()) : null;
        Observation seen = observer.forTrigger(app, trigger);
        Action action = store.decide(app.getId(), s -> policy.decide(s, trigger, seen, clock.instant()))
                .orElse(null);
        if (action instanceof Action.Deploy deploy && app.isStackSet()) {
            stackSets.sync(app, trigger, deploy, requestedBy);
        } else if (action instanceof Action.Deploy deploy) {
            deployer.deploy(app, trigger, deploy, requestedBy);
        } else if (action instanceof Action.Heal heal) {
            healer.heal(app, heal);
            // a heal is judged by what follows it: compare again soon
            rechecks.in(app.getId(), Duration.ofSeconds(1));
        } else if (action instanceof Action.Fail fail) {
            recorder.couldNotStart(app, trigger, fail);
        } else if (action instanceof Action.WaitUntil wait && trigger == Trigger.DRIFT) {
            rechecks.at(app.getId(), wait.at());
        }
    }

    static String abbrev(String sha) {
        return sha == null ? "(none)" : sha.substring(0, Math.min(7, sha.length()));
    }
}
