package io.conops.server.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.sync.Reconciler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a synced app and a fast reconcile tick, when nothing changes, then the ticks observe it
 * through the Engine API only: no process is started (the server runs in this JVM, so its
 * subprocesses are this JVM's descendants, sampled far more often than a `docker compose` lives).
 */
class IdleTickIT {
    static final String APP = "conops-test-idle";

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
    void idleTicksStartNoProcess() throws Exception {
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "200ms"));
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
        int deployments =
                server.json("GET", "/api/v1/apps/" + APP + "/deployments", null).size();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.current().descendants().findAny().isEmpty());

        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                ProcessHandle.current()
                        .descendants()
                        .forEach(p ->
                                seen.add(p.pid() + " " + p.info().commandLine().orElse("?")));
                Thread.onSpinWait();
            }
        });
        sampler.start();
        Reconciler reconciler = server.bean(Reconciler.class);
        long from = reconciler.ticks();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> reconciler.ticks() >= from + 10);
        sampling.set(false);
        sampler.join();

        assertThat(seen).isEmpty();
        assertThat(server.json("GET", "/api/v1/apps/" + APP + "/deployments", null)
                        .size())
                .isEqualTo(deployments);
        assertThat(server.app(APP).get("status").asString()).isEqualTo("synced");
    }
}
