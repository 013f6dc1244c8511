package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Given CONOPS_ALLOWED_HOST_PATHS, a host path outside the listed prefixes is refused at validation. */
class AllowedHostPathsIT {
    @TempDir
    Path tmp;

    TestServer server;
    String app = "conops-test-allowed-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.call("DELETE", "/api/v1/apps/" + app + "?remove_volumes=true", null);
            server.close();
        }
        Docker.purge(app);
    }

    @Test
    void aHostPathOutsideTheAllowedPrefixesIsRefused() {
        server = TestServer.start(
                tmp.resolve("data"),
                Map.of("conops.allowed-host-paths", "/srv/conops-test-allowed,/var/run/docker.sock"));
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String sha = repo.commit("mount /etc", Map.of("compose.yaml", """
                services:
                  s:
                    image: local/busybox:1
                    init: true
                    command: ["sleep", "100000"]
                    volumes: ["/etc/hostname:/host-name:ro"]
                """));
        server.register(app, repo.url(), null);

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return a.get("status").asString().equals("error")
                            && sha.equals(a.get("last_seen_commit").asString());
                });

        assertThat(server.app(app).get("last_error").asString())
                .isEqualTo("service s volume for /host-name '/etc/hostname' is outside the host paths this"
                        + " installation allows (CONOPS_ALLOWED_HOST_PATHS)");
        assertThat(Docker.allContainers(app)).isEmpty();
    }
}
