package io.conops.server.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.sync.Reconciler;
import java.nio.file.Path;
import java.time.Duration;
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
 * Given deployed apps and a reconcile tick an hour away, when containers are changed behind ConOps'
 * back, then Engine events alone put them back (or, for a one-shot service, leave it alone), and a
 * crash-looping service is left to {@code CrashLoopIT}.
 */
class HealingIT {
    @TempDir
    static Path tmp;

    static TestServer server;
    final List<String> projects = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "1h"));
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
        // only events healed: the periodic compare never ran
        assertThat(server.bean(Reconciler.class).ticks()).isZero();
    }

    private String deploy(String compose, Map<String, String> extraFiles) {
        String app = "conops-test-" + UUID.randomUUID().toString().substring(0, 8);
        projects.add(app);
        TestRepo repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        Map<String, String> files = new java.util.HashMap<>(extraFiles);
        files.put("compose.yaml", compose);
        repo.commit("deploy", files);
        server.register(app, repo.url(), null);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(app).get("status").asString().equals("synced"));
        return app;
    }

    private JsonNode history(String app) {
        return server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
    }

    private void awaitHealedBy(String app, int deployments) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode h = history(app);
                    return h.size() >= deployments
                            && h.get(0).get("trigger").asString().equals("drift")
                            && h.get(0).get("outcome").asString().equals("succeeded");
                });
    }

    private static void awaitServing(int port, String body) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> body.equals(Docker.fetch("http://127.0.0.1:" + port + "/")));
    }

    private static String sleeper(String service, String extra) {
        return """
                  %s:
                    image: local/busybox:1
                    init: true
                    command: ["sleep", "100000"]
                %s""".formatted(service, extra);
    }

    @Test
    void unhealthyContainerIsRestartedByTheHeal() {
        String app = deploy("services:\n" + """
                  api:
                    image: local/busybox:1
                    init: true
                    command: ["sh", "-c", "touch /tmp/ok; exec sleep 100000"]
                    healthcheck:
                      test: ["CMD", "sh", "-c", "test -f /tmp/ok"]
                      interval: 1s
                      retries: 2
                """, Map.of());
        String id = Docker.containers(app, "api").get(0);
        String started = Docker.run("inspect", "-f", "{{.State.StartedAt}}", id);

        Docker.run("exec", id, "rm", "/tmp/ok");

        awaitHealedBy(app, 2);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(app).get("health").asString().equals("healthy"));
        assertThat(Docker.containers(app, "api")).containsExactly(id);
        assertThat(Docker.run("inspect", "-f", "{{.State.StartedAt}}", id)).isNotEqualTo(started);
        assertThat(history(app).get(0).get("transcript").asString()).contains("restarting unhealthy container");
    }

    @Test
    void removedKilledAndStoppedContainersAreHealedByEvents() {
        int port = Docker.freePort();
        String app = deploy(Docker.webCompose(port), Map.of("site/index.html", "alive"));
        awaitServing(port, "alive");

        String first = Docker.containers(app, "web").get(0);
        Docker.run("rm", "-f", first);
        awaitHealedBy(app, 2);
        awaitServing(port, "alive");
        String second = Docker.containers(app, "web").get(0);
        assertThat(second).isNotEqualTo(first);

        Docker.run("kill", second);
        awaitHealedBy(app, 3);
        awaitServing(port, "alive");
        // its definition did not change: a start through the Engine API, no Compose process
        assertThat(history(app).get(0).get("transcript").asString())
                .contains("starting container")
                .doesNotContain("$ docker compose");

        Docker.run("stop", "-t", "1", second);
        awaitHealedBy(app, 4);
        awaitServing(port, "alive");
        assertThat(Docker.containers(app, "web")).containsExactly(second);
        JsonNode a = server.app(app);
        assertThat(a.get("status").asString()).isEqualTo("synced");
        assertThat(a.get("health").asString()).isEqualTo("healthy");
    }

    @Test
    void containerRecreatedByHandWithOtherEnvironmentIsReplaced() {
        String app = deploy("services:\n" + sleeper("web", ""), Map.of());
        String original = Docker.containers(app, "web").get(0);
        String name = Docker.run("inspect", "-f", "{{.Name}}", original).replaceFirst("^/", "");
        String hash = Docker.run("inspect", "-f", "{{index .Config.Labels \"conops.config-hash\"}}", original);
        List<String> labels = new ArrayList<>();
        for (String line : Docker.run(
                        "inspect", "-f", "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}\n{{end}}", original)
                .split("\n")) {
            if (!line.isBlank() && !line.startsWith("conops.config-hash=")) {
                labels.add("--label");
                labels.add(line);
            }
        }

        // what a user at the shell does: same name and Compose labels, other environment
        Docker.run("rename", original, name + "-old");
        List<String> run = new ArrayList<>(List.of("run", "-d", "--init", "--name", name, "-e", "BY_HAND=1"));
        run.addAll(labels);
        run.addAll(List.of(Docker.IMAGE, "sleep", "100000"));
        String byHand = Docker.run(run.toArray(String[]::new));
        Docker.run("rm", "-f", name + "-old");

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    List<String> now = Docker.containers(app, "web");
                    return now.size() == 1
                            && !byHand.startsWith(now.get(0))
                            && !now.get(0).startsWith(byHand)
                            && hash.equals(Docker.run(
                                    "inspect", "-f", "{{index .Config.Labels \"conops.config-hash\"}}", now.get(0)));
                });
        String replaced = Docker.containers(app, "web").get(0);
        assertThat(Docker.run("inspect", "-f", "{{json .Config.Env}}", replaced))
                .doesNotContain("BY_HAND");
        awaitHealedBy(app, 2);
    }

    @Test
    void extraContainerInTheProjectIsRemoved() {
        String app = deploy("services:\n" + sleeper("web", ""), Map.of());
        String web = Docker.containers(app, "web").get(0);

        Docker.run(
                "run",
                "-d",
                "--init",
                "--name",
                app + "-extra",
                "--label",
                "com.docker.compose.project=" + app,
                "--label",
                "com.docker.compose.service=extra",
                Docker.IMAGE,
                "sleep",
                "100000");

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Docker.containers(app, "extra").isEmpty());
        assertThat(Docker.containers(app, "web")).containsExactly(web);
        awaitHealedBy(app, 2);
    }

    @Test
    void oneShotServiceThatCompletedIsLeftAlone() {
        String app = deploy("services:\n" + sleeper("web", "") + """
                  migrate:
                    image: local/busybox:1
                    init: true
                    restart: "no"
                    command: ["sh", "-c", "sleep 3; echo migrated"]
                """, Map.of());
        String migrate = Docker.containers(app, "migrate").get(0);
        // it exits 0 after the sync: its `die` event reaches ConOps, which must see no drift in it
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", migrate)
                        .equals("exited 0"));
        await().during(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> history(app).size() == 1);
        assertThat(Docker.containers(app, "migrate")).containsExactly(migrate);
        JsonNode a = server.app(app);
        assertThat(a.get("status").asString()).isEqualTo("synced");
        assertThat(a.get("health").asString()).isEqualTo("healthy");
        JsonNode services = server.json("GET", "/api/v1/apps/" + app + "/services", null);
        JsonNode m = null;
        for (JsonNode s : services) {
            if (s.get("name").asString().equals("migrate")) m = s;
        }
        assertThat(m.get("reason").asString()).isEqualTo("completed");
        assertThat(m.get("in_sync").asBoolean()).isTrue();

        // a heal of another service puts that one back and does not run the completed one again
        String finished = Docker.run("inspect", "-f", "{{.State.FinishedAt}}", migrate);
        Docker.run("rm", "-f", Docker.containers(app, "web").get(0));
        awaitHealedBy(app, 2);
        assertThat(Docker.containers(app, "web")).hasSize(1);
        assertThat(Docker.containers(app, "migrate")).containsExactly(migrate);
        assertThat(Docker.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.State.FinishedAt}}", migrate))
                .isEqualTo("exited 0 " + finished);
    }
}
