package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Given a sync in flight, when ConOps stops and starts again, then the sync resumes and deploys once. */
class RestartResumeIT {
    static final String APP = "conops-test-resume";

    @TempDir
    Path tmp;

    TestServer server;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.call("DELETE", "/api/v1/apps/" + APP + "?remove_volumes=true", null);
            server.close();
        }
        Docker.purge(APP);
    }

    @Test
    void restartMidSyncResumesAndDeploysNothingTwice() {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        // healthy only after a few seconds: the sync waits for it, which is when ConOps is stopped
        String sha = repo.commit("slow to become healthy", Map.of("compose.yaml", """
                services:
                  slow:
                    image: local/busybox:1
                    init: true
                    command: ["sh", "-c", "sleep 6; touch /tmp/ready; exec sleep 100000"]
                    healthcheck:
                      test: ["CMD", "sh", "-c", "test -f /tmp/ready"]
                      interval: 1s
                      retries: 60
                """));
        Path data = tmp.resolve("data");
        server = TestServer.start(data);
        server.register(APP, repo.url(), null);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> server.app(APP).get("status").asString().equals("syncing")
                        && Docker.containers(APP, "slow").size() == 1);
        String container = Docker.containers(APP, "slow").get(0);

        server.close();
        server = null;

        server = TestServer.start(data);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> server.app(APP).get("status").asString().equals("synced"));
        JsonNode app = server.app(APP);
        assertThat(app.get("last_synced_commit").asString()).isEqualTo(sha);
        assertThat(app.get("health").asString()).isEqualTo("healthy");

        List<String> containers = Docker.containers(APP, "slow");
        assertThat(containers).containsExactly(container);

        JsonNode history = server.json("GET", "/api/v1/apps/" + APP + "/deployments", null);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("trigger").asString()).isEqualTo("startup");
        assertThat(history.get(0).get("outcome").asString()).isEqualTo("succeeded");
        assertThat(history.get(1).get("outcome").asString()).isEqualTo("interrupted");
    }
}
