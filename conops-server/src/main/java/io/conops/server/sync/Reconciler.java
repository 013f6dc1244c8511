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
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The periodic full compare: observes every synced app through the Engine API (no subprocess),
 * queues the ones that drifted, retries failed ones when allowed, and resumes after a restart.
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
    private final Clock clock;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conops-reconcile");
        t.setDaemon(true);
        return t;
    });

    public Reconciler(AppStore store, EnginePort engine, SyncQueue queue, SyncWorker worker, Deployments deployments,
            ConopsProperties props, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.queue = queue;
        this.worker = worker;
        this.deployments = deployments;
        this.props = props;
        this.clock = clock;
    }

    /** Resume: close syncs a stop interrupted and queue every app that was not settled. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        int interrupted = deployments.closeInterrupted(clock.instant());
        for (AppEntity app : store.all()) {
            if (app.getStatus() == SyncStatus.SYNCING || app.getStatus() == SyncStatus.PENDING
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
        try {
            for (AppEntity app : store.all()) {
                if (!queue.busy(app.getId())) {
                    check(app);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Reconcile tick failed: {}", e.getMessage());
        }
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
                store.setHealth(app.getId(), d.health());
                if (d.needsApply()) {
                    log.info("App {} drifted: {}", app.getName(), d.summary());
                    queue.request(app.getId(), Trigger.DRIFT);
                }
            }
            case ERROR -> {
                if (props.retryErrors() && app.getNextRetryAt() != null && !clock.instant().isBefore(app.getNextRetryAt())) {
                    queue.request(app.getId(), Trigger.RETRY);
                }
            }
            case REGISTERED, PENDING -> queue.request(app.getId(), Trigger.POLL);
            case SYNCING -> { }
        }
    }
}
