package io.conops.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    @Test
    void doublesFromInitialAndStopsAtTheCap() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(80));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void noFailuresNoWait() {
        assertThat(backoff.delayAfter(0)).isZero();
    }

    @Test
    void rejectsACapBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
