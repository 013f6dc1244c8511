package io.conops.core.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Self-heals of an app that followed each other without a calm period. A heal that "worked" but
 * was needed again soon after counts too: that is what a crash-looping service looks like.
 *
 * @param heals         heals in this streak
 * @param failures      of which failed
 * @param lastEnd       when the last one ended
 * @param lastSucceeded whether it did
 * @param lastProblem   what was wrong before it, or why it failed
 * @param stopped       healing gave up (crash loop): only a new commit or a manual sync goes on
 */
public record HealStreak(
        @JsonProperty("heals") int heals,
        @JsonProperty("failures") int failures,
        @JsonProperty("last_end") Instant lastEnd,
        @JsonProperty("last_succeeded") boolean lastSucceeded,
        @JsonProperty("last_problem") String lastProblem,
        @JsonProperty("stopped") boolean stopped) {

    /** The streak after one more heal that ended at {@code now}. */
    public static HealStreak next(HealStreak current, Instant now, boolean succeeded, String problem) {
        return current == null
                ? new HealStreak(1, succeeded ? 0 : 1, now, succeeded, problem, false)
                : new HealStreak(
                        current.heals + 1,
                        current.failures + (succeeded ? 0 : 1),
                        now,
                        succeeded,
                        problem,
                        current.stopped);
    }

    public HealStreak withLastEnd(Instant end) {
        return new HealStreak(heals, failures, end, lastSucceeded, lastProblem, stopped);
    }

    public HealStreak stop() {
        return new HealStreak(heals, failures, lastEnd, lastSucceeded, lastProblem, true);
    }
}
