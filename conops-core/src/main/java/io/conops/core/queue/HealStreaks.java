package io.conops.core.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps self-healing from becoming a hot loop. Heals of one key that follow each other without a
 * calm period form a streak; the first heal of a streak runs at once, each further one waits
 * {@link Backoff#delayAfter(int)} after the end of the previous heal. A heal that "worked" but was
 * needed again soon after counts as well: that is what a crash-looping service looks like. The
 * streak ends when no heal was needed for {@code calmAfter}.
 */
public final class HealStreaks<K> {
    private final Backoff backoff;
    private final Duration calmAfter;
    private final int crashLoopAfter;
    private final Map<K, Streak> streaks = new HashMap<>();

    /**
     * One streak: how many heals, how many of them failed, when and how the last one ended.
     *
     * @param lastProblem what was wrong before the last heal, or why it failed
     */
    public record Streak(int heals, int failures, Instant lastEnd, boolean lastSucceeded, String lastProblem) {}

    /**
     * @param crashLoopAfter this many heals in one streak make the key crash-looping
     */
    public HealStreaks(Backoff backoff, Duration calmAfter, int crashLoopAfter) {
        if (calmAfter.isNegative() || calmAfter.isZero() || crashLoopAfter < 1) {
            throw new IllegalArgumentException("heal streaks need calmAfter > 0 and crashLoopAfter >= 1");
        }
        this.backoff = backoff;
        this.calmAfter = calmAfter;
        this.crashLoopAfter = crashLoopAfter;
    }

    /** How long a heal must still wait; zero when it may run now. */
    public synchronized Duration waitBefore(K key, Instant now) {
        Streak s = current(key, now);
        if (s == null) {
            return Duration.ZERO;
        }
        Instant notBefore = s.lastEnd().plus(backoff.delayAfter(s.heals()));
        return now.isBefore(notBefore) ? Duration.between(now, notBefore) : Duration.ZERO;
    }

    /** Records a heal that ended at {@code now}; {@code problem} says what was wrong (kept for the status). */
    public synchronized Streak healed(K key, Instant now, boolean succeeded, String problem) {
        Streak s = current(key, now);
        Streak next = s == null
                ? new Streak(1, succeeded ? 0 : 1, now, succeeded, problem)
                : new Streak(s.heals() + 1, s.failures() + (succeeded ? 0 : 1), now, succeeded, problem);
        streaks.put(key, next);
        return next;
    }

    /** The streak in progress, or null when the key is calm. */
    public synchronized Streak streak(K key, Instant now) {
        return current(key, now);
    }

    /** When the next heal may run, or null when it may run now. */
    public synchronized Instant notBefore(K key, Instant now) {
        Duration wait = waitBefore(key, now);
        return wait.isZero() ? null : now.plus(wait);
    }

    /** True while the key's streak has reached the crash-loop threshold. */
    public synchronized boolean crashLooping(K key, Instant now) {
        Streak s = current(key, now);
        return s != null && s.heals() >= crashLoopAfter;
    }

    public synchronized void forget(K key) {
        streaks.remove(key);
    }

    private Streak current(K key, Instant now) {
        Streak s = streaks.get(key);
        if (s != null && !now.isBefore(s.lastEnd().plus(calmAfter))) {
            streaks.remove(key);
            return null;
        }
        return s;
    }
}
