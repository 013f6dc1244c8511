package io.conops.core.reconcile;

import io.conops.core.queue.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the reconcile policy.
 *
 * @param retryErrors    retry a failed commit with {@code retryBackoff} (CONOPS_RETRY_ERRORS)
 * @param healCalmAfter  a heal streak ends when no heal was needed for this long
 * @param crashLoopAfter heals in one streak after which healing stops and the app is crash-looping
 */
public record PolicySettings(
        boolean retryErrors, Backoff retryBackoff, Backoff healBackoff, Duration healCalmAfter, int crashLoopAfter) {

    public PolicySettings {
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(healBackoff, "healBackoff");
        if (healCalmAfter == null || healCalmAfter.isNegative() || healCalmAfter.isZero() || crashLoopAfter < 1) {
            throw new IllegalArgumentException("heal settings need healCalmAfter > 0 and crashLoopAfter >= 1");
        }
    }
}
