package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code POST /sync?wait=}: CI waits for the sync it started and learns how it ended. */
class SyncWaitIT {
    @TempDir
    static Path tmp;

    static TestServer server;
    static String app;
    static TestRepo repo;

    @BeforeAll
    static void startServerWithASyncedApp() {
        server = TestServer.start(tmp.resolve("data"));
        app = "conops-test-wait-" + UUID.randomUUID().toString().substring(0, 8);
        repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        repo.commit("v1", Map.of("compose.yaml", Docker.webCompose(Docker.freePort()), "site/index.html", "v1"));
        // polled hourly: only the syncs the tests ask for deploy anything
        server.register(app, repo.url(), null);
        server.json("PATCH", "/api/v1/apps/" + app, "{\"poll_interval\":\"1h\"}");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> server.app(app).get("status").asString().equals("synced"));
    }

    @AfterAll
    static void stopServer() {
        server.call("DELETE", "/api/v1/apps/" + app, null);
        Docker.purge(app);
        server.close();
    }

    @Test
    void aNewCommitIsAwaitedAndAnsweredWithTheSucceededDeployment() {
        String sha = repo.commit("v2", Map.of("site/index.html", "v2"));

        HttpResponse<String> r = server.call("POST", "/api/v1/apps/" + app + "/sync?wait=2m", null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode d = TestServer.parse(r.body());
        assertThat(d.get("outcome").asString()).isEqualTo("succeeded");
        assertThat(d.get("commit").asString()).isEqualTo(sha);
        assertThat(d.get("trigger").asString()).isEqualTo("manual");
    }

    @Test
    void aBrokenCommitIsAnsweredWithTheFailedDeploymentAndItsMessage() {
        String broken = repo.commit("broken", Map.of("compose.yaml", "services:\n  web: [unclosed\n"));
        try {
            HttpResponse<String> r = server.call("POST", "/api/v1/apps/" + app + "/sync?wait=2m", null);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode d = TestServer.parse(r.body());
            assertThat(d.get("outcome").asString()).isEqualTo("failed");
            assertThat(d.get("commit").asString()).isEqualTo(broken);
            assertThat(d.get("message").asString()).contains("invalid compose file");
        } finally {
            repo.commit("fixed", Map.of("compose.yaml", Docker.webCompose(Docker.freePort())));
            server.call("POST", "/api/v1/apps/" + app + "/sync?wait=2m", null);
        }
    }

    @Test
    void aWaitThatRunsOutAnswers202WithTheApp() {
        repo.commit("v3", Map.of("site/index.html", "v3-" + UUID.randomUUID()));

        HttpResponse<String> r = server.call("POST", "/api/v1/apps/" + app + "/sync?wait=1ms", null);

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(TestServer.parse(r.body()).get("name").asString()).isEqualTo(app);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> server.app(app).get("status").asString().equals("synced"));
    }

    @Test
    void aBadWaitIsRefusedNamingIt() {
        for (String wait : new String[] {"soon", "11m", "0s"}) {
            HttpResponse<String> r = server.call("POST", "/api/v1/apps/" + app + "/sync?wait=" + wait, null);
            assertThat(r.statusCode()).as(wait).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(TestServer.parse(r.body()).get("field").asString()).isEqualTo("wait");
        }
    }

    @Test
    void aWaitIsRefusedWith409WhileTheAppIsBeingDeleted() {
        String slow = "conops-test-wait-del-" + UUID.randomUUID().toString().substring(0, 8);
        TestRepo slowRepo = TestRepo.create(tmp.resolve("repos").resolve(slow));
        // its shell ignores SIGTERM: compose down waits the whole grace period before SIGKILL
        slowRepo.commit("slow to stop", Map.of("compose.yaml", """
                services:
                  stubborn:
                    image: local/busybox:1
                    network_mode: none
                    command: ["sh", "-c", "trap '' TERM; while true; do sleep 1; done"]
                    stop_grace_period: 60s
                """));
        try {
            UUID id = UUID.fromString(
                    server.register(slow, slowRepo.url(), null).get("id").asString());
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> server.app(slow).get("status").asString().equals("synced"));
            Teardown teardown = server.bean(Teardown.class);

            CompletableFuture<HttpResponse<String>> deletion =
                    CompletableFuture.supplyAsync(() -> server.call("DELETE", "/api/v1/apps/" + slow, null));
            await().atMost(Duration.ofSeconds(30)).until(() -> teardown.deleting(id));
            HttpResponse<String> r = server.call("POST", "/api/v1/apps/" + slow + "/sync?wait=2m", null);

            assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(TestServer.parse(r.body()).get("title").asString()).isEqualTo("App is being deleted");
            // answered at once, not when the deletion ended
            assertThat(teardown.deleting(id)).isTrue();
            // the grace period only kept the deletion going while the wait was asked: end it now
            Docker.containers(slow, "stubborn").forEach(c -> Docker.run("kill", c));
            assertThat(deletion.join().statusCode()).isEqualTo(204);
        } finally {
            server.call("DELETE", "/api/v1/apps/" + slow, null);
            Docker.purge(slow);
        }
    }
}
