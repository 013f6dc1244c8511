package io.conops.server.sync;

import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import io.conops.core.reconcile.Action;
import io.conops.core.reconcile.Observation;
import io.conops.core.reconcile.ReconcilePolicy;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppStore;
import io.conops.server.app.AppWrites;
import io.conops.server.system.ConopsProperties;
import io.conops.server.system.RepeatingFailure;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The compare of an app with its Engine state, through the Engine API only (no subprocess): run for
 * every app periodically (the backstop), for one app at once when an Engine event concerns it, and
 * when a heal's backoff has passed. The policy says what follows (a heal, a wait, a new health);
 * this class queues it. It also resumes after a restart and queues retries that are due.
 */
@Component
public class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final AppStore store;
    private final Observer observer;
    private final ReconcilePolicy policy;
    private final SyncQueue queue;
    private final Deployments deployments;
    private final Rechecks rechecks;
    private final AppLocks locks;
    private final ConopsProperties props;
    private final Clock clock;
    /** Every app, read again only after a write: an idle tick asks the Engine, not the database. */
    private final ReadUntilWritten<List<AppEntity>> apps;

    private final AtomicLong ticks = new AtomicLong();
    private final RepeatingFailure tickFailures = new RepeatingFailure(log, "Reconcile tick");
    private final RepeatingFailure compareFailures = new RepeatingFailure(log, "Compare");
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conops-reconcile");
        t.setDaemon(true);
        return t;
    });

    public Reconciler(
            AppStore store,
            Observer observer,
            ReconcilePolicy policy,
            SyncQueue queue,
            Deployments deployments,
            Rechecks rechecks,
            AppLocks locks,
            ConopsProperties props,
            Clock clock,
            AppWrites writes) {
        this.store = store;
        this.observer = observer;
        this.policy = policy;
        this.queue = queue;
        this.deployments = deployments;
        this.rechecks = rechecks;
        this.locks = locks;
        this.props = props;
        this.clock = clock;
        this.apps = new ReadUntilWritten<>(store::all, writes::count);
        rechecks.onRecheck(this::checkSoon);
    }

    /** Resume: close syncs a stop interrupted and queue every app that was not settled. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        int interrupted = deployments.closeInterrupted(clock.instant());
        for (AppEntity app : store.all()) {
            SyncStatus s = app.getStatus();
            if (s == SyncStatus.SYNCING || s == SyncStatus.PENDING || s == SyncStatus.REGISTERED) {
                if (s == SyncStatus.SYNCING) {
                    store.markPending(app.getId());
                }
                queue.request(app.getId(), Trigger.STARTUP);
            }
        }
        if (interrupted > 0) {
            log.info("Resumed after {} interrupted sync(s)", interrupted);
        }
        long ms = props.reconcileInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }

    void tick() {
        checkAll();
        ticks.incrementAndGet();
    }

    /** Completed periodic ticks (for tests and benchmarks). */
    public long ticks() {
        return ticks.get();
    }

    /** Compares every app that is not syncing (the tick, and after the Engine's event stream was lost). */
    public void checkAll() {
        try {
            boolean allCompared = true;
            // one Engine call and at most one query for all apps: a sync that ends meanwhile is
            // caught when what they suggest is looked at again (see check)
            Observer.EngineSnapshot engine = observer.snapshot();
            for (AppEntity app : apps.get()) {
                try {
                    check(app, engine);
                } catch (RuntimeException e) {
                    allCompared = false;
                    compareFailures.failed("app " + app.getName() + ": " + e.getMessage());
                }
            }
            if (allCompared) {
                compareFailures.succeeded();
            }
            tickFailures.succeeded();
        } catch (RuntimeException e) {
            tickFailures.failed(e.getMessage());
        }
    }

    /**
     * The id of the app of that name, from the apps the tick last read (read again after any write
     * of an app): an Engine event of a project ConOps does not manage costs no database read.
     */
    public Optional<UUID> idOf(String name) {
        for (AppEntity app : apps.get()) {
            if (app.getName().equals(name)) {
                return Optional.of(app.getId());
            }
        }
        return Optional.empty();
    }

    /**
     * Compares the app now, or once its current sync is done: that sync's own compare does not see
     * what happened after it, so the event that brought us here is not lost.
     */
    public void checkSoon(UUID id) {
        if (queue.busy(id) || locks.of(id).isLocked()) { // a sync or a delete is running
            rechecks.in(id, Duration.ofSeconds(1));
            return;
        }
        store.find(id).ifPresent(app -> check(app, null));
    }

    /**
     * Compares one app (against the tick's listing of the Engine when given, else the Engine now)
     * and queues what the policy says follows. What the tick's listing suggests is looked at again
     * before anything is done: the app as stored now, against its containers now.
     */
    private void check(AppEntity app, Observer.EngineSnapshot engine) {
        UUID id = app.getId();
        if (queue.busy(id) || app.getStatus() == SyncStatus.SYNCING) {
            return;
        }
        if (app.getStatus() == SyncStatus.REGISTERED || app.getStatus() == SyncStatus.PENDING) {
            queue.request(id, Trigger.POLL);
            return;
        }
        if (app.getStatus() == SyncStatus.ERROR
                && props.retryErrors()
                && app.getNextRetryAt() != null
                && !clock.instant().isBefore(app.getNextRetryAt())) {
            queue.request(id, Trigger.RETRY);
        }
        if (app.getLastSyncedCommit() == null) {
            return; // nothing deployed, nothing to heal
        }
        Observation seen = engine == null ? observer.engine(app) : engine.of(app);
        if (isQuiet(app, seen)) {
            return; // nothing to store or to do: no write transaction
        }
        if (engine != null) {
            AppEntity now = store.find(id).orElse(null);
            if (now == null || now.getStatus() == SyncStatus.SYNCING || queue.busy(id)) {
                return;
            }
            app = now;
            seen = observer.engine(app);
        }
        // decided again on what is stored, in one transaction
        Observation observed = seen;
        Action action = store.decide(id, s -> policy.decide(s, Trigger.DRIFT, observed, clock.instant()))
                .orElse(null);
        if (action instanceof Action.Heal) {
            log.info("App {} drifted: {}", app.getName(), summary(seen));
            queue.request(id, Trigger.DRIFT);
        } else if (action instanceof Action.WaitUntil wait) {
            log.debug("App {} drifted again; looking again at {}", app.getName(), wait.at());
            rechecks.at(id, wait.at());
        }
    }

    /** The policy would neither act nor change the app's status. */
    private boolean isQuiet(AppEntity app, Observation seen) {
        Action action = policy.decide(app.status(), Trigger.DRIFT, seen, clock.instant());
        return action instanceof Action.Skip && action.next().equals(app.status());
    }

    private static String summary(Observation seen) {
        return seen.engine() instanceof Observation.Engine.Seen s ? s.decision().summary() : "unknown";
    }
}
