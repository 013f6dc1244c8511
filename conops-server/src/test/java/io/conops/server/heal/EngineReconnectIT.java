package io.conops.server.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.core.port.EngineEventsPort;
import io.conops.server.support.Docker;
import io.conops.server.support.DockerSocketProxy;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.sync.EngineDrift;
import io.conops.server.sync.Rechecks;
import io.conops.server.sync.Reconciler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given ConOps observing the Engine through a connection that can be cut (a proxy in front of the
 * real socket; the shared Engine itself is not restarted), when the Engine goes away, a container
 * is killed meanwhile and the Engine comes back, then ConOps reconnects, compares every app and
 * heals what it missed, without waiting for the periodic tick.
 */
class EngineReconnectIT {
    static final String APP = "conops-test-reconnect";

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

    @Test
    void lostEventStreamIsReconnectedAndWhatWasMissedIsHealed() {
        proxy = new DockerSocketProxy(Path.of("/var/run/docker.sock"));
        server = TestServer.start(
                tmp.resolve("data"), Map.of("conops.reconcile-interval", "1h", "DOCKER_HOST", proxy.dockerHost()));
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("deploy", Map.of("compose.yaml", """
                services:
                  web:
                    image: local/busybox:1
                    init: true
                    command: ["sleep", "100000"]
                """));
        server.register(APP, repo.url(), null);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(APP).get("status").asString().equals("synced"));
        EngineEventsPort.Subscription events = server.bean(EngineDrift.class).events();
        await().atMost(Duration.ofSeconds(10)).until(events::connected);
        long connections = events.connections();
        // nothing else may come to look at the app: only the reconnection can find the kill
        Rechecks rechecks = server.bean(Rechecks.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> rechecks.pending() == 0);
        String web = Docker.containers(APP, "web").get(0);

        proxy.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.connected());
        Docker.run("kill", web); // through the real socket: ConOps does not hear of it
        assertThat(Docker.run("inspect", "-f", "{{.State.Status}}", web)).isEqualTo("exited");
        proxy.restore();

        await().atMost(Duration.ofSeconds(30)).until(() -> events.connections() > connections);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        Docker.run("inspect", "-f", "{{.State.Status}}", web).equals("running"));
        JsonNode history = server.json("GET", "/api/v1/apps/" + APP + "/deployments", null);
        assertThat(history.get(0).get("trigger").asString()).isEqualTo("drift");
        assertThat(server.bean(Reconciler.class).ticks()).isZero();
    }
}
