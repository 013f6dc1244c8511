package io.conops.server.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A service that dies soon after it starts is no success: the deployment fails naming it and its
 * exit code, healing gives up after a few capped tries and says so, and an app in error still gets
 * its last good deployment put back.
 */
class CrashLoopIT {
    @TempDir
    static Path tmp;

    static TestServer server;
    final List<String> projects = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = TestServer.start(
                tmp.resolve("data"),
                Map.of(
                        "conops.reconcile-interval", "1h",
                        "conops.heal-initial-backoff", "1s",
                        "conops.heal-max-backoff", "2s",
                        // from each container's creation: on a loaded machine a shell's `sleep 1` may
                        // start well after it, and a 2 s settle period then passes before it exits
                        "conops.readiness-settle", "4s"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void cleanUp() {
        for (String p : projects) {
            server.call("DELETE", "/api/v1/apps/" + p + "?remove_volumes=true", null);
            Docker.purge(p);
        }
    }

    private String name() {
        String app = "conops-test-" + UUID.randomUUID().toString().substring(0, 8);
        projects.add(app);
        return app;
    }

    private static String compose(String command) {
        return """
                services:
                  worker:
                    image: local/busybox:1
                    init: true
                    network_mode: none
                    restart: "no"
                    command: ["sh", "-c", "%s"]
                """.formatted(command);
    }

    private static JsonNode condition(JsonNode app, String type) {
        return TestServer.condition(app, type);
    }

    private JsonNode history(String app) {
        return server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
    }

    /** Container starts of the project since {@code since}, as the Engine's event log counts them. */
    private static int starts(String project, Instant since) {
        String out = Docker.run(
                "events",
                "--since",
                String.valueOf(since.getEpochSecond()),
                "--until",
                String.valueOf(Instant.now().getEpochSecond()),
                "--filter",
                "type=container",
                "--filter",
                "event=start",
                "--filter",
                "label=com.docker.compose.project=" + project,
                "--format",
                "{{.ID}}");
        return out.isBlank() ? 0 : out.split("\\R").length;
    }

    @Test
    void aServiceThatExitsASecondAfterStartFailsTheDeploymentNamingItsExitCode() {
        String app = name();
        TestRepo repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        repo.commit("crash", Map.of("compose.yaml", compose("sleep 1; exit 3")));
        Instant registered = Instant.now().minusSeconds(1);
        server.register(app, repo.url(), null);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(app).get("status").asString().equals("error"));
        JsonNode a = server.app(app);
        assertThat(a.get("last_error").asString()).contains("worker").contains("exit code 3");
        assertThat(condition(a, "CrashLoop").get("message").asString()).contains("exit code 3");
        JsonNode deployment = history(app).get(0);
        assertThat(deployment.get("outcome").asString()).isEqualTo("failed");
        assertThat(deployment.get("message").asString()).contains("worker").contains("exit code 3");

        // no hot loop: the service is not started again and again. Polls come every second and heals
        // at most 2 s apart: a loop would start it more than twice in a fraction of this
        // (atMost leaves room for slow `docker events` calls on a loaded machine; during sets the time)
        await().during(Duration.ofSeconds(25))
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> starts(app, registered) <= 3);
        assertThat(history(app)).hasSize(1);
        assertThat(server.app(app).get("status").asString()).isEqualTo("error");
    }

    @Test
    void aCrashLoopingServiceIsHealedAFewTimesThenHealingStopsAndSaysSo() {
        String app = name();
        TestRepo repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        // up long enough to pass the settle period, then it dies: each heal "works", and is needed again
        repo.commit("flaky", Map.of("compose.yaml", compose("sleep 6; exit 3")));
        server.register(app, repo.url(), null);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> server.app(app).get("status").asString().equals("synced"));

        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> condition(server.app(app), "CrashLoop") != null);
        JsonNode a = server.app(app);
        assertThat(condition(a, "CrashLoop").get("message").asString())
                .contains("healed 5 times in a row")
                .contains("healing stopped");
        assertThat(a.get("health").asString()).isEqualTo("degraded");
        assertThat(a.get("status").asString()).isEqualTo("synced");

        int heals = history(app).size() - 1;
        assertThat(heals).isEqualTo(5);
        for (JsonNode d : history(app)) {
            assertThat(d.get("commit").asString())
                    .isEqualTo(a.get("last_synced_commit").asString());
        }
        // healing stays stopped: a heal would come at most 2 s after the container died
        await().during(Duration.ofSeconds(10))
                .atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> history(app).size() == heals + 1);
    }

    @Test
    void aKilledContainerOfAnAppInErrorIsPutBackFromItsLastGoodDeployment() {
        String app = name();
        TestRepo repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        String good = repo.commit("good", Map.of("compose.yaml", compose("sleep 100000")));
        server.register(app, repo.url(), null);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> server.app(app).get("status").asString().equals("synced"));

        repo.commit("broken", Map.of("compose.yaml", "services: [not, a, map\n"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> server.app(app).get("status").asString().equals("error"));
        assertThat(condition(server.app(app), "InvalidCompose")).isNotNull();
        String before = Docker.containers(app, "worker").get(0);

        Docker.run("kill", before);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "running".equals(Docker.run("inspect", "-f", "{{.State.Status}}", before))
                        || Docker.containers(app, "worker").stream()
                                .anyMatch(
                                        id -> "running".equals(Docker.run("inspect", "-f", "{{.State.Status}}", id))));
        JsonNode heal = history(app).get(0);
        assertThat(heal.get("trigger").asString()).isEqualTo("drift");
        assertThat(heal.get("commit").asString()).isEqualTo(good);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> history(app).get(0).get("outcome").asString().equals("succeeded"));
        JsonNode a = server.app(app);
        assertThat(a.get("status").asString()).isEqualTo("error");
        assertThat(a.get("last_synced_commit").asString()).isEqualTo(good);
    }
}
