package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RepeatingFailureTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.repeating-failure");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final RepeatingFailure failure = new RepeatingFailure(logger, "Reconcile tick", clock);

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aFailureRepeatedEveryTickIsLoggedOnceAMinuteWithItsCount() {
        for (int tick = 0; tick < 30; tick++) { // 30 ticks, 2 s apart: one minute
            failure.failed("The database has been closed");
            now = now.plusSeconds(2);
        }
        assertThat(lines()).containsExactly("Reconcile tick failed: The database has been closed");
        failure.failed("The database has been closed");
        assertThat(lines())
                .last()
                .isEqualTo("Reconcile tick failed: The database has been closed"
                        + " (and 29 more time(s) since the last report)");
    }

    @Test
    void theEndOfAFailureIsLoggedOnceWithWhatWasNotLogged() {
        failure.failed("closed");
        failure.failed("closed");
        failure.succeeded();
        failure.succeeded();
        assertThat(lines())
                .containsExactly(
                        "Reconcile tick failed: closed", "Reconcile tick works again (1 failure(s) not logged)");
    }

    @Test
    void aNewFailureAfterARecoveryIsLoggedAtOnce() {
        failure.failed("closed");
        failure.succeeded();
        now = now.plus(Duration.ofSeconds(1));
        failure.failed("read-only");
        assertThat(lines()).last().isEqualTo("Reconcile tick failed: read-only");
    }

    @Test
    void successWithoutAFailureLogsNothing() {
        failure.succeeded();
        assertThat(lines()).isEmpty();
    }

    @Test
    void theCauseGoesWithTheLinesThatAreLogged() {
        IllegalStateException cause = new IllegalStateException("boom");
        failure.failed("boom", cause);
        failure.failed("boom", cause);
        assertThat(appender.list).hasSize(1);
        assertThat(appender.list.get(0).getThrowableProxy().getMessage()).isEqualTo("boom");
    }
}
