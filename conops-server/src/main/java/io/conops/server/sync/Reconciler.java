package io.conops.server.sync;

import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import io.conops.core.port.EnginePort;
import io.conops.core.reconcile.Compare;
import io.conops.core.reconcile.Decision;
import io.conops.core.reconcile.DesiredService;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppStore;
import io.conops.server.system.ConopsProperties;
import io.conops.server.system.RepeatingFailure;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * when a heal's backoff has passed. Queues the apps that drifted (within {@link Healing}'s backoff),
 * keeps their health current, retries failed ones when allowed, and resumes after a restart.
 */
@Component
public class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final AppStore store;
    private final EnginePort engine;
    private final SyncQueue queue;
    private final SyncWorker worker;
    private final Deployments deployments;
    private final ConopsProperties props;
    private final Healing healing;
    private final AppLocks locks;
    private final Clock clock;
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
            EnginePort engine,
            SyncQueue queue,
            SyncWorker worker,
            Deployments deployments,
            ConopsProperties props,
            Healing healing,
            AppLocks locks,
            Clock clock) {
        this.store = store;
        this.engine = engine;
        this.queue = queue;
        this.worker = worker;
        this.deployments = deployments;
        this.props = props;
        this.healing = healing;
        this.locks = locks;
        this.clock = clock;
        healing.onRecheck(this::checkSoon);
    }

    /** Resume: close syncs a stop interrupted and queue every app that was not settled. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        int interrupted = deployments.closeInterrupted(clock.instant());
        for (AppEntity app : store.all()) {
            if (app.getStatus() == SyncStatus.SYNCING
                    || app.getStatus() == SyncStatus.PENDING
                    || app.getStatus() == SyncStatus.REGISTERED) {
                if (app.getStatus() == SyncStatus.SYNCING) {
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
            for (AppEntity app : store.all()) {
                if (!queue.busy(app.getId())) {
                    try {
                        check(app);
                    } catch (RuntimeException e) {
                        allCompared = false;
                        compareFailures.failed("app " + app.getName() + ": " + e.getMessage());
                    }
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
     * Compares the app now, or once its current sync is done: that sync's own compare does not see
     * what happened after it, so the event that brought us here is not lost.
     */
    public void checkSoon(UUID id) {
        if (queue.busy(id) || locks.of(id).isLocked()) { // a sync or a delete is running
            healing.recheckIn(id, Duration.ofSeconds(1));
            return;
        }
        store.find(id).ifPresent(this::check);
    }

    /** Compares one app now; queues a heal when it drifted. */
    public void check(AppEntity app) {
        switch (app.getStatus()) {
            case SYNCED -> {
                List<DesiredService> desired = worker.readServices(app.getDeployedServices()).stream()
                        .map(s -> new DesiredService(s.name(), s.hash(), s.oneShot()))
                        .toList();
                if (desired.isEmpty()) {
                    return;
                }
                Decision d = Compare.compare(desired, engine.containers(app.getName()));
                UUID id = app.getId();
                store.markObserved(id, healing.health(id, d.health()), healing.problem(id, d.needsApply()));
                if (d.needsApply()) {
                    Duration wait = healing.waitBefore(id);
                    if (!wait.isZero()) {
                        log.debug(
                                "App {} drifted again ({}); healing in {} ms",
                                app.getName(),
                                d.summary(),
                                wait.toMillis());
                        healing.recheckIn(id, wait);
                        return;
                    }
                    log.info("App {} drifted: {}", app.getName(), d.summary());
                    queue.request(id, Trigger.DRIFT);
                }
            }
            case ERROR -> {
                if (props.retryErrors()
                        && app.getNextRetryAt() != null
                        && !clock.instant().isBefore(app.getNextRetryAt())) {
                    queue.request(app.getId(), Trigger.RETRY);
                }
            }
            case REGISTERED, PENDING -> queue.request(app.getId(), Trigger.POLL);
            case SYNCING -> {}
        }
    }
}
