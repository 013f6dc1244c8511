package io.conops.server.sync;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Compares an app again at a given time (when a heal's backoff has passed, or once a sync is
 * done), so that no periodic tick is needed for it. One re-check per app is planned at a time.
 */
@Component
public class Rechecks {
    private final Clock clock;
    private final Map<UUID, ScheduledFuture<?>> planned = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conops-recheck");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<UUID> handler = id -> {};

    public Rechecks(Clock clock) {
        this.clock = clock;
    }

    /** Who compares an app again (the reconciler). */
    void onRecheck(Consumer<UUID> handler) {
        this.handler = handler;
    }

    public void at(UUID app, Instant when) {
        in(app, Duration.between(clock.instant(), when));
    }

    /** Compares the app again after {@code delay}; a re-check already planned for it is kept. */
    public void in(UUID app, Duration delay) {
        planned.compute(app, (id, f) -> {
            if (f != null && !f.isDone()) {
                return f;
            }
            return timer.schedule(
                    () -> {
                        planned.remove(id);
                        handler.accept(id);
                    },
                    Math.max(1, delay.toMillis()),
                    TimeUnit.MILLISECONDS);
        });
    }

    /** Re-checks planned and not yet run (for tests). */
    public long pending() {
        return planned.values().stream().filter(f -> !f.isDone()).count();
    }

    void forget(UUID app) {
        ScheduledFuture<?> f = planned.remove(app);
        if (f != null) {
            f.cancel(false);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
