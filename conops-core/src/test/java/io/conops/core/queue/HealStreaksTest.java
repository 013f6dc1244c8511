package io.conops.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealStreaksTest {
    final HealStreaks<String> streaks =
            new HealStreaks<>(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)), Duration.ofMinutes(10), 3);
    final Instant t0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void firstHealRunsAtOnce() {
        assertThat(streaks.waitBefore("a", t0)).isZero();
        assertThat(streaks.crashLooping("a", t0)).isFalse();
    }

    @Test
    void healsInARowWaitLongerEachTimeUpToTheCap() {
        Instant t = t0;
        streaks.healed("a", t, true, "died");
        assertThat(streaks.waitBefore("a", t)).isEqualTo(Duration.ofSeconds(2));
        t = t.plusSeconds(2);
        assertThat(streaks.waitBefore("a", t)).isZero();
        streaks.healed("a", t, false, "died");
        assertThat(streaks.waitBefore("a", t)).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 20; i++) {
            t = t.plus(streaks.waitBefore("a", t));
            streaks.healed("a", t, false, "died");
        }
        assertThat(streaks.waitBefore("a", t)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aCrashLoopIsNamedAfterTheThresholdEvenWhenHealsSucceed() {
        streaks.healed("a", t0, true, "exited");
        streaks.healed("a", t0.plusSeconds(3), true, "exited");
        assertThat(streaks.crashLooping("a", t0.plusSeconds(3))).isFalse();
        HealStreaks.Streak s = streaks.healed("a", t0.plusSeconds(8), false, "exited");
        assertThat(streaks.crashLooping("a", t0.plusSeconds(8))).isTrue();
        assertThat(s.heals()).isEqualTo(3);
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.lastProblem()).isEqualTo("exited");
    }

    @Test
    void aCalmPeriodEndsTheStreak() {
        streaks.healed("a", t0, true, "x");
        streaks.healed("a", t0.plusSeconds(2), true, "x");
        streaks.healed("a", t0.plusSeconds(6), true, "x");
        Instant later = t0.plusSeconds(6).plus(Duration.ofMinutes(10));
        assertThat(streaks.crashLooping("a", later)).isFalse();
        assertThat(streaks.waitBefore("a", later)).isZero();
        assertThat(streaks.healed("a", later, true, "x").heals()).isEqualTo(1);
    }

    @Test
    void keysAreIndependent() {
        streaks.healed("a", t0, false, "x");
        assertThat(streaks.waitBefore("b", t0)).isZero();
        streaks.forget("a");
        assertThat(streaks.waitBefore("a", t0)).isZero();
    }
}
