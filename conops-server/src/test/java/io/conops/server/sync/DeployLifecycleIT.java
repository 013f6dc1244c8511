package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.net.http.HttpResponse;
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

/** Given a real Git repository and a real Docker Engine, ConOps deploys, follows, heals and deletes. */
class DeployLifecycleIT {
    @TempDir
    static Path tmp;

    static TestServer server;
    final List<String> projects = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = TestServer.start(tmp.resolve("data"));
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

    private String project() {
        String name = "conops-test-" + UUID.randomUUID().toString().substring(0, 8);
        projects.add(name);
        return name;
    }

    private TestRepo repo(String name) {
        return TestRepo.create(tmp.resolve("repos").resolve(name));
    }

    private JsonNode awaitStatus(String app, String status) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(app).get("status").asString().equals(status));
        return server.app(app);
    }

    private static void awaitServing(int port, String body) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> body.equals(Docker.fetch("http://127.0.0.1:" + port + "/")));
    }

    @Test
    void registeredAppIsDeployedAndServesOnLoopback() {
        String app = project();
        int port = Docker.freePort();
        TestRepo repo = repo(app);
        String sha = repo.commit("first", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "v1"));

        JsonNode created = server.register(app, repo.url(), null);
        assertThat(created.get("status").asString()).isIn("registered", "pending", "syncing");
        assertThat(created.get("branch").asString()).isEqualTo("main");
        assertThat(created.get("compose_path").asString()).isEqualTo("compose.yaml");

        JsonNode synced = awaitStatus(app, "synced");
        assertThat(synced.get("last_synced_commit").asString()).isEqualTo(sha);
        assertThat(synced.get("last_seen_commit").asString()).isEqualTo(sha);
        assertThat(synced.get("last_error").isNull()).isTrue();
        awaitServing(port, "v1");

        JsonNode history = server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("outcome").asString()).isEqualTo("succeeded");
        assertThat(history.get(0).get("commit").asString()).isEqualTo(sha);
        assertThat(history.get(0).get("commit_message").asString()).isEqualTo("first");
        assertThat(history.get(0).get("transcript").asString()).contains("docker compose up");
        // the image is here: nothing is pulled (Compose's own up would pull a missing one), and the
        // transcript says where the sync's time went
        assertThat(history.get(0).get("transcript").asString())
                .doesNotContain("docker compose pull")
                .contains("[fetch: ")
                .contains("[export: ")
                .contains("[render: ")
                .contains("[checkout: ")
                .contains("[apply: ")
                .contains("[wait for services: ");
        String id = Docker.containers(app, "web").get(0);
        assertThat(Docker.run("inspect", "-f", "{{index .Config.Labels \"conops.app\"}}", id))
                .isEqualTo(app);
    }

    @Test
    void newCommitIsDeployedWithoutRestart() {
        String app = project();
        int port = Docker.freePort();
        TestRepo repo = repo(app);
        repo.commit("v1", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "v1"));
        server.register(app, repo.url(), null);
        awaitStatus(app, "synced");
        awaitServing(port, "v1");

        int port2 = Docker.freePort();
        String sha2 =
                repo.commit("move port", Map.of("compose.yaml", Docker.webCompose(port2), "site/index.html", "v2"));
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        sha2.equals(server.app(app).get("last_synced_commit").asString()));
        awaitServing(port2, "v2");
        assertThat(Docker.fetch("http://127.0.0.1:" + port + "/")).isNull();
    }

    @Test
    void brokenCommitKeepsPreviousDeploymentRunningAndTheFixRecovers() {
        String app = project();
        int port = Docker.freePort();
        TestRepo repo = repo(app);
        String good = repo.commit("good", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "good"));
        server.register(app, repo.url(), null);
        awaitStatus(app, "synced");
        awaitServing(port, "good");
        String container = Docker.containers(app, "web").get(0);

        String broken = repo.commit(
                "broken yaml", Map.of("compose.yaml", "services:\n  web: [unclosed\n", "site/index.html", "broken"));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode a = server.app(app);
            return a.get("status").asString().equals("error")
                    && broken.equals(a.get("last_seen_commit").asString());
        });
        JsonNode failed = server.app(app);
        assertThat(failed.get("last_error").asString()).contains("invalid compose file compose.yaml");
        assertThat(failed.get("last_synced_commit").asString()).isEqualTo(good);
        // the running container and the files mounted into it are untouched
        assertThat(Docker.containers(app, "web")).containsExactly(container);
        assertThat(Docker.fetch("http://127.0.0.1:" + port + "/")).isEqualTo("good");

        String missing = repo.commit("compose file gone", java.util.Collections.singletonMap("compose.yaml", null));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode a = server.app(app);
            return missing.equals(a.get("last_seen_commit").asString())
                    && a.get("status").asString().equals("error")
                    && a.get("last_error").asString().contains("compose file compose.yaml not found");
        });
        assertThat(Docker.fetch("http://127.0.0.1:" + port + "/")).isEqualTo("good");

        String fixed =
                repo.commit("fixed", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "fixed"));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode a = server.app(app);
            return a.get("status").asString().equals("synced")
                    && fixed.equals(a.get("last_synced_commit").asString());
        });
        assertThat(server.app(app).get("last_error").isNull()).isTrue();
        awaitServing(port, "fixed");
    }

    @Test
    void containerThatCannotBeCreatedFailsTheSyncAndKeepsTheOldOne() {
        String app = project();
        int port = Docker.freePort();
        TestRepo repo = repo(app);
        repo.commit("good", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "good"));
        server.register(app, repo.url(), null);
        awaitStatus(app, "synced");
        awaitServing(port, "good");

        String bad = repo.commit(
                "image that exists nowhere",
                Map.of("compose.yaml", Docker.webCompose(port).replace("local/busybox:1", "local/does-not-exist:1")));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode a = server.app(app);
            return a.get("status").asString().equals("error")
                    && bad.equals(a.get("last_seen_commit").asString());
        });
        assertThat(server.app(app).get("last_error").asString()).contains("local/does-not-exist:1");
        assertThat(Docker.fetch("http://127.0.0.1:" + port + "/")).isEqualTo("good");
    }

    @Test
    void serviceThatNeverGetsHealthyFailsTheSyncWithThatReason() {
        String app = project();
        TestRepo repo = repo(app);
        repo.commit("never healthy", Map.of("compose.yaml", """
                services:
                  sick:
                    image: local/busybox:1
                    init: true
                    command: ["sleep", "100000"]
                    healthcheck:
                      test: ["CMD", "false"]
                      interval: 1s
                      retries: 1
                """));
        server.register(app, repo.url(), null);
        JsonNode failed = awaitStatus(app, "error");
        assertThat(failed.get("last_error").asString()).contains("sick").contains("unhealthy");
        assertThat(server.json("GET", "/api/v1/apps/" + app + "/deployments", null)
                        .get(0)
                        .get("outcome")
                        .asString())
                .isEqualTo("failed");
    }

    @Test
    void removedContainerComesBack() {
        String app = project();
        int port = Docker.freePort();
        TestRepo repo = repo(app);
        repo.commit("v1", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "alive"));
        server.register(app, repo.url(), null);
        awaitStatus(app, "synced");
        awaitServing(port, "alive");
        String before = Docker.containers(app, "web").get(0);

        Docker.run("rm", "-f", before);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<String> now = Docker.containers(app, "web");
            return now.size() == 1 && !now.get(0).equals(before);
        });
        awaitServing(port, "alive");
        awaitStatus(app, "synced");
        JsonNode history = server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
        assertThat(history.get(0).get("trigger").asString()).isEqualTo("drift");
    }

    @Test
    void deleteRemovesContainersAndKeepsNamedVolumesUnlessAsked() {
        String app = project();
        TestRepo repo = repo(app);
        String compose = """
                services:
                  db:
                    image: local/busybox:1
                    init: true
                    command: ["sleep", "100000"]
                    volumes: ["data:/data"]
                volumes:
                  data: {}
                """;
        repo.commit("with volume", Map.of("compose.yaml", compose));
        server.register(app, repo.url(), null);
        awaitStatus(app, "synced");
        String volume = app + "_data";
        assertThat(Docker.volumeExists(volume)).isTrue();

        HttpResponse<String> deleted = server.call("DELETE", "/api/v1/apps/" + app, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(Docker.allContainers(app)).isEmpty();
        assertThat(Docker.volumeExists(volume)).isTrue();
        assertThat(server.call("GET", "/api/v1/apps/" + app, null).statusCode()).isEqualTo(404);
        assertThat(server.dataDir.resolve("apps")).isEmptyDirectory();

        // registered again and deleted with remove_volumes=true, the volume goes too
        server.register(app, repo.url(), null);
        awaitStatus(app, "synced");
        assertThat(server.call("DELETE", "/api/v1/apps/" + app + "/?remove_volumes=true", null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(Docker.volumeExists(volume)).isFalse();
    }

    @Test
    void manualSyncThatChangesNothingKeepsOneUnchangedRecord() {
        String app = project();
        TestRepo repo = repo(app);
        int port = Docker.freePort();
        repo.commit("v1", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "m"));
        server.register(app, repo.url(), null);
        awaitStatus(app, "synced");
        String container = Docker.containers(app, "web").get(0);
        JsonNode first = server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
        assertThat(first.get(0).get("trigger").asString()).isEqualTo("register");

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = server.call("POST", "/api/v1/apps/" + app + "/sync", null);
            assertThat(r.statusCode()).isEqualTo(202);
            int round = i;
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode h = server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
                return h.size() == 2
                        && h.get(0).get("trigger").asString().equals("manual")
                        && h.get(0).get("outcome").asString().equals("unchanged")
                        && (round == 0
                                || h.get(0).get("id").asLong()
                                        > first.get(0).get("id").asLong() + round);
            });
        }
        JsonNode history = server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("message").asString()).contains("nothing to change");
        assertThat(history.get(1).get("outcome").asString()).isEqualTo("succeeded");
        assertThat(Docker.containers(app, "web")).containsExactly(container);
        assertThat(awaitStatus(app, "synced").get("last_error").isNull()).isTrue();
    }
}
