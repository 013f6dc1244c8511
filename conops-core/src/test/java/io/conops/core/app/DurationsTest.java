package io.conops.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesTheShortFormsUsersWrite() {
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        for (String bad : new String[] {"", "30", "5 m", "abc", "1x", "m5"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesDurationsTooLargeToHoldInsteadOfOverflowing() {
        for (String huge : new String[] {
            "9223372036854775807h",
            "9223372036854775807d",
            "106751991167301d",
            "9223372036854775807s1s",
            "99999999999999999999s",
            "PT9223372036854775807H"
        }) {
            assertThatThrownBy(() -> Durations.parse(huge))
                    .as(huge)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(huge);
        }
    }

    @Test
    void formatsShortestForm() {
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    }
}
