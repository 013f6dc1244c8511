package io.conops.server.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.DockerSocketProxy;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** With the Engine out of reach, health is unknown (not the last one seen) and a condition says why. */
class EngineUnreachableIT {
    static final String APP = "conops-test-engine-away";

    @TempDir
    Path tmp;

    TestServer server;
    DockerSocketProxy proxy;

    @AfterEach
    void cleanUp() {
        if (proxy != null) {
            proxy.restore();
        }
        if (server != null) {
            server.call("DELETE", "/api/v1/apps/" + APP + "?remove_volumes=true", null);
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        Docker.purge(APP);
    }

    private static boolean hasCondition(JsonNode app, String type) {
        return TestServer.condition(app, type) != null;
    }

    @Test
    void healthIsUnknownWhileTheEngineCannotBeAskedAndComesBackWithIt() {
        proxy = new DockerSocketProxy(Path.of("/var/run/docker.sock"));
        server = TestServer.start(
                tmp.resolve("data"), Map.of("conops.reconcile-interval", "1s", "DOCKER_HOST", proxy.dockerHost()));
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("deploy", Map.of("compose.yaml", """
                services:
                  web:
                    image: local/busybox:1
                    init: true
                    network_mode: none
                    command: ["sleep", "100000"]
                """));
        server.register(APP, repo.url(), null);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(APP).get("health").asString().equals("healthy"));

        proxy.cut();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(APP);
                    return a.get("health").asString().equals("unknown") && hasCondition(a, "EngineUnreachable");
                });
        JsonNode away = server.app(APP);
        assertThat(away.get("status").asString()).isEqualTo("synced");

        proxy.restore();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(APP);
                    return a.get("health").asString().equals("healthy") && !hasCondition(a, "EngineUnreachable");
                });
        assertThat(server.json("GET", "/api/v1/apps/" + APP + "/deployments", null))
                .hasSize(1);
    }
}
