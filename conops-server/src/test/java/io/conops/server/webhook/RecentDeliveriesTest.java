package io.conops.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentDeliveriesTest {
    final AtomicLong nanos = new AtomicLong();
    final RecentDeliveries recent = new RecentDeliveries(nanos::get);

    static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeliveryIdSeenInTheLastTenMinutesIsAReplay() {
        assertThat(recent.firstTime(Provider.GITHUB, "d-1", body("a"))).isTrue();
        assertThat(recent.firstTime(Provider.GITHUB, "d-1", body("a"))).isFalse();
        assertThat(recent.firstTime(Provider.GITHUB, "d-1", body("b"))).isFalse();
        assertThat(recent.firstTime(Provider.GITHUB, "d-2", body("c"))).isTrue();
    }

    @Test
    void theSameBodyUnderAnotherIdIsAReplayToo() {
        assertThat(recent.firstTime(Provider.GITEA, "d-1", body("push"))).isTrue();
        assertThat(recent.firstTime(Provider.GITEA, "d-2", body("push"))).isFalse();
        assertThat(recent.firstTime(Provider.GITEA, null, body("push"))).isFalse();
        assertThat(recent.firstTime(Provider.GITEA, null, body("other push"))).isTrue();
    }

    @Test
    void providersKeepTheirOwnIds() {
        assertThat(recent.firstTime(Provider.GITHUB, "same", body("a"))).isTrue();
        assertThat(recent.firstTime(Provider.GITLAB, "same", body("a"))).isTrue();
    }

    @Test
    void afterTenMinutesTheDeliveryIsNewAgain() {
        assertThat(recent.firstTime(Provider.GENERIC, "d-1", body("a"))).isTrue();
        nanos.addAndGet(Duration.ofMinutes(10).minusSeconds(1).toNanos());
        assertThat(recent.firstTime(Provider.GENERIC, "d-1", body("a"))).isFalse();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(recent.firstTime(Provider.GENERIC, "d-1", body("a"))).isTrue();
    }
}
