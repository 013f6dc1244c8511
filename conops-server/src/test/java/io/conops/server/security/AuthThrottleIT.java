package io.conops.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.RawHttp;
import io.conops.server.support.TestServer;
import io.conops.server.support.UiSession;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a server that allows 5 failed authentications a minute per address, when one address
 * guesses tokens, then it gets 429 with Retry-After, also for the right token, until the backoff
 * ends; the right token from another address works all along.
 */
class AuthThrottleIT {
    static final int MAX = 5;
    static final String WRONG = "not-the-token-0123456789";

    @TempDir
    Path tmp;

    TestServer server;
    InetAddress guesser;
    InetAddress elsewhere;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(
                tmp.resolve("data"),
                Map.of("conops.auth.max-failures", String.valueOf(MAX), "conops.auth.backoff", "3s"));
        guesser = InetAddress.getByName("127.0.0.2");
        elsewhere = InetAddress.getByName("127.0.0.3");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void bearerGuessesFromOneAddressAreSlowedDownWithoutLockingOutOthers() {
        for (int i = 0; i < MAX; i++) {
            assertThat(apps(guesser, WRONG).status()).isEqualTo(401);
        }

        RawHttp.Response refused = apps(guesser, WRONG);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(refused.header("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 3));
        assertThat(refused.body()).contains("Too many failed authentications");
        assertThat(apps(guesser, TestServer.TOKEN).status())
                .as("the right token from the guessing address waits too")
                .isEqualTo(429);
        assertThat(apps(elsewhere, TestServer.TOKEN).status())
                .as("the right token from another address")
                .isEqualTo(200);
        assertThat(apps(elsewhere, WRONG).status()).isEqualTo(401);
        assertThat(apps(guesser, null).status())
                .as("no token offered: nothing to throttle, the usual 401")
                .isEqualTo(401);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> apps(guesser, TestServer.TOKEN).status() == 200);
    }

    @Test
    void uiLoginFailuresCountToo() {
        for (int i = 0; i < MAX; i++) {
            HttpResponse<String> failed = new UiSession(server).login(WRONG);
            assertThat(failed.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/ui/login?error"));
        }

        UiSession blocked = new UiSession(server);
        String csrf = UiSession.csrf(blocked.get("/ui/login").body());
        HttpResponse<String> refused = blocked.post("/ui/login", Map.of("token", TestServer.TOKEN, "_csrf", csrf));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(apps(guesser, TestServer.TOKEN).status())
                .as("another address (the UI session came from 127.0.0.1)")
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> new UiSession(server)
                        .login(TestServer.TOKEN)
                        .headers()
                        .firstValue("Location")
                        .orElse("")
                        .endsWith("/ui/apps"));
    }

    private RawHttp.Response apps(InetAddress from, String token) {
        return RawHttp.send(from, server.port, "GET", "/api/v1/apps/", token, null);
    }
}
