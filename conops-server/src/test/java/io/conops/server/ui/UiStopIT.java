package io.conops.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.support.UiSession;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a browser that keeps the dashboard's event stream and an app page's log panel open, when
 * the server stops, then it ends both streams and stops at once: the web server's graceful
 * shutdown waits for every open request, and a page's stream would hold it for the whole grace
 * period, past the moment a container runtime kills the process.
 */
class UiStopIT {
    static final String APP = "conops-test-uistop";

    @TempDir
    static Path tmp;

    @Test
    void theServerEndsOpenPageStreamsAndStopsWithoutWaitingOutTheGracePeriod() throws Exception {
        // a grace period far longer than the wait below: only ended streams let the stop finish in time
        TestServer server =
                TestServer.start(tmp.resolve("data"), Map.of("spring.lifecycle.timeout-per-shutdown-phase", "10m"));
        CompletableFuture<Void> stop = null;
        try {
            TestRepo repo = TestRepo.create(tmp.resolve("repo"));
            repo.commit("serve", UiFlowIT.files(Docker.freePort(), "hi")); // its worker logs a line
            server.register(APP, repo.url(), null);
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> server.app(APP).get("status").asString().equals("synced"));
            UiSession ui = new UiSession(server);
            ui.login(TestServer.TOKEN);
            HttpClient browser =
                    HttpClient.newBuilder().cookieHandler(ui.cookies).build();
            BufferedReader events = open(browser, server.url("/ui/events"));
            BufferedReader logs = open(browser, server.url("/ui/apps/" + APP + "/logs"));
            assertThat(events.readLine()).isEqualTo("event:ready");
            assertThat(logs.readLine()).startsWith("event:line");

            stop = CompletableFuture.runAsync(server::close);

            await().atMost(Duration.ofSeconds(60)).until(stop::isDone);
            stop.join();
        } finally {
            if (stop == null) {
                server.close();
            }
            Docker.purge(APP);
        }
    }

    private static BufferedReader open(HttpClient client, String url) throws Exception {
        HttpResponse<InputStream> r = client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        return new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    }
}
