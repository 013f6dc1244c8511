package io.conops.server.sync;

import io.conops.core.app.Trigger;
import io.conops.core.queue.KeyedWorkQueue;
import io.conops.server.app.AppStore;
import io.conops.server.system.ConopsProperties;
import io.conops.server.system.RepeatingFailure;
import jakarta.annotation.PreDestroy;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Syncs queued per app: one in flight per app, a bounded number of apps in parallel. */
@Component
public class SyncQueue {
    private static final Logger log = LoggerFactory.getLogger(SyncQueue.class);
    private final ExecutorService pool;
    private final KeyedWorkQueue<UUID, Trigger> queue;
    private final AppStore store;

    public SyncQueue(SyncRunner worker, AppStore store, ConopsProperties props) {
        this.store = store;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(props.maxParallelSyncs(), r -> {
            Thread t = new Thread(r, "conops-sync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // a sync records its own failures; one that escapes is a bug or the database being away,
        // and the latter would otherwise log a stack trace for every app on every tick
        RepeatingFailure failures = new RepeatingFailure(log, "Sync");
        this.queue = new KeyedWorkQueue<>(
                pool,
                worker::sync,
                (app, e) -> failures.failed("app " + app + ": " + e.getMessage(), e),
                SyncQueue::stronger);
    }

    /** Queues a sync; a user's sync and a webhook show the app as pending at once. */
    public void request(UUID app, Trigger trigger) {
        if (trigger == Trigger.MANUAL || trigger == Trigger.WEBHOOK || trigger == Trigger.ROLLBACK) {
            store.markPending(app);
        }
        queue.submit(app, trigger);
    }

    /**
     * Of two requests waiting for the same app, the one whose run also does the other's work. Every
     * trigger deploys a newer seen commit, so a poll is the weakest; a heal never pulls, so an image
     * update outranks it; a user's sync outranks everything, and is never lost to a later poll.
     */
    static Trigger stronger(Trigger a, Trigger b) {
        return RANK.indexOf(a) <= RANK.indexOf(b) ? a : b;
    }

    private static final java.util.List<Trigger> RANK = java.util.List.of(
            Trigger.ROLLBACK,
            Trigger.MANUAL,
            Trigger.WEBHOOK,
            Trigger.REGISTER,
            Trigger.IMAGE_UPDATE,
            Trigger.RETRY,
            Trigger.STARTUP,
            Trigger.DRIFT,
            Trigger.POLL);

    /** Apps whose sync runs or waits to run (conops_queue_depth). */
    public int depth() {
        return queue.inFlight();
    }

    public boolean busy(UUID app) {
        return queue.busy(app);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(15, TimeUnit.SECONDS);
    }
}
