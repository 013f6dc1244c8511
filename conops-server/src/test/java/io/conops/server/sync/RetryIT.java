package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A failed revision is never re-applied in a hot loop; with CONOPS_RETRY_ERRORS it is retried with backoff. */
class RetryIT {
    static final String BROKEN = """
            services:
              web:
                image: local/not-present-anywhere:1
                init: true
            """;

    @TempDir
    Path tmp;

    private static int deployments(TestServer server, String app) {
        return server.json("GET", "/api/v1/apps/" + app + "/deployments", null).size();
    }

    @Test
    void failedCommitIsTriedOnceUntilSomethingChanges() {
        String app = "conops-test-noretry";
        try (TestServer server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "1s"))) {
            TestRepo repo = TestRepo.create(tmp.resolve("repo"));
            repo.commit("broken", Map.of("compose.yaml", BROKEN));
            server.register(app, repo.url(), null);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> server.app(app).get("status").asString().equals("error"));
            // several reconcile ticks and polls later, still exactly one attempt
            await().during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(8))
                    .until(() -> deployments(server, app) == 1);
            // a manual sync always tries again
            assertThat(server.call("POST", "/api/v1/apps/" + app + "/sync", null)
                            .statusCode())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> deployments(server, app) == 2
                            && server.app(app).get("status").asString().equals("error"));
            server.call("DELETE", "/api/v1/apps/" + app, null);
        } finally {
            Docker.purge(app);
        }
    }

    @Test
    void withRetryErrorsTheFailedCommitIsRetriedWithCappedBackoff() {
        String app = "conops-test-retry";
        try (TestServer server = TestServer.start(
                tmp.resolve("data"),
                Map.of(
                        "conops.reconcile-interval", "1s",
                        "conops.retry-errors", "true",
                        "conops.retry-initial-backoff", "1s",
                        "conops.retry-max-backoff", "2s"))) {
            TestRepo repo = TestRepo.create(tmp.resolve("repo"));
            repo.commit("broken", Map.of("compose.yaml", BROKEN));
            server.register(app, repo.url(), null);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode h = server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
                return h.size() >= 3 && h.get(0).get("outcome").asString().equals("failed");
            });
            JsonNode history = server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
            assertThat(history.get(0).get("trigger").asString()).isEqualTo("retry");
            assertThat(server.app(app).get("last_error").asString()).contains("local/not-present-anywhere:1");
            // bounded: the backoff spaces attempts out, so a few seconds hold a handful, not hundreds
            int before = deployments(server, app);
            await().during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> deployments(server, app) - before <= 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> deployments(server, app) > before);
            server.call("DELETE", "/api/v1/apps/" + app, null);
        } finally {
            Docker.purge(app);
        }
    }
}
