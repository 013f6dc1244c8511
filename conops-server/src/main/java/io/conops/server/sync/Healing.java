package io.conops.server.sync;

import io.conops.core.app.Health;
import io.conops.core.queue.Backoff;
import io.conops.core.queue.HealStreaks;
import io.conops.server.system.ConopsProperties;
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
 * Self-healing without a hot loop. Heals of an app that follow each other without a calm period
 * wait longer each time (CONOPS_HEAL_INITIAL_BACKOFF doubling up to CONOPS_HEAL_MAX_BACKOFF); after
 * {@link #CRASH_LOOP_AFTER} of them the app is crash-looping: its health is {@code degraded} and
 * {@code last_error} says why, while its sync status stays {@code synced} (the commit is applied;
 * what fails is the running service, as Argo CD reports Synced + Degraded). A heal whose backoff has
 * not passed yet is re-checked when it has, so no tick is needed. The state is in memory: after a
 * restart the first heal runs at once again.
 */
@Component
public class Healing {
    /** Heals in one streak after which an app counts as crash-looping. */
    public static final int CRASH_LOOP_AFTER = 5;

    private final HealStreaks<UUID> streaks;
    private final Clock clock;
    private final Map<UUID, ScheduledFuture<?>> rechecks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conops-heal-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<UUID> recheck = id -> {};

    public Healing(ConopsProperties props, Clock clock) {
        this.streaks = new HealStreaks<>(
                new Backoff(props.healInitialBackoff(), props.healMaxBackoff()),
                props.healCalmAfter(),
                CRASH_LOOP_AFTER);
        this.clock = clock;
    }

    /** Who compares an app again when its backoff has passed (the reconciler). */
    void onRecheck(Consumer<UUID> handler) {
        this.recheck = handler;
    }

    /** Zero when a heal may run now. */
    public Duration waitBefore(UUID app) {
        return streaks.waitBefore(app, clock.instant());
    }

    /** Compares the app again after {@code delay}; a re-check already planned for it is kept. */
    public void recheckIn(UUID app, Duration delay) {
        rechecks.compute(app, (id, planned) -> {
            if (planned != null && !planned.isDone()) {
                return planned;
            }
            return timer.schedule(
                    () -> {
                        rechecks.remove(id);
                        recheck.accept(id);
                    },
                    Math.max(1, delay.toMillis()),
                    TimeUnit.MILLISECONDS);
        });
    }

    /** Re-checks planned and not yet run (for tests). */
    public long plannedRechecks() {
        return rechecks.values().stream().filter(f -> !f.isDone()).count();
    }

    /** Records a heal that just ended. */
    public HealStreaks.Streak healed(UUID app, boolean succeeded, String problem) {
        return streaks.healed(app, clock.instant(), succeeded, problem);
    }

    /** The app's health: what the Engine shows, but degraded while it is crash-looping. */
    public Health health(UUID app, Health observed) {
        return streaks.crashLooping(app, clock.instant()) ? Health.DEGRADED : observed;
    }

    /**
     * The reason for {@code last_error} while healing is in trouble: a crash loop, or a drift the
     * last heal failed to repair; null otherwise.
     */
    public String problem(UUID app, boolean drifted) {
        Instant now = clock.instant();
        HealStreaks.Streak s = streaks.streak(app, now);
        if (s == null) {
            return null;
        }
        Instant next = streaks.notBefore(app, now);
        String when = next == null
                ? ""
                : "; next heal in " + Math.max(1, Duration.between(now, next).toSeconds()) + "s";
        if (s.heals() >= CRASH_LOOP_AFTER) {
            return "crash loop: healed " + s.heals() + " times in a row (" + s.failures() + " failed); last problem: "
                    + s.lastProblem() + when;
        }
        if (drifted && !s.lastSucceeded()) {
            return "self-heal failed: " + s.lastProblem() + when;
        }
        return null;
    }

    void forget(UUID app) {
        streaks.forget(app);
        ScheduledFuture<?> f = rechecks.remove(app);
        if (f != null) {
            f.cancel(false);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
