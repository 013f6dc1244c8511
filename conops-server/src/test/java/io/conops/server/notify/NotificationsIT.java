package io.conops.server.notify;

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

/**
 * Given receivers on loopback (CONOPS_NOTIFY_URLS and an app's own notify_urls), when a commit
 * fails and a later one fixes it, then each receiver gets exactly one message for the failure and
 * one for the recovery, in its own format; a receiver that never answers holds no sync up.
 */
class NotificationsIT {
    static final String GOOD = """
            services:
              main:
                image: local/busybox:1
                init: true
                command: ["sleep", "100000"]
            """;
    static final String BROKEN = "services: [this is not a mapping\n";

    @TempDir
    static Path tmp;

    static Receiver receiver;
    static TestServer server;
    final List<String> apps = new ArrayList<>();

    @BeforeAll
    static void start() {
        receiver = new Receiver();
        server = TestServer.start(
                tmp.resolve("data"),
                Map.of(
                        "conops.reconcile-interval", "1s",
                        "conops.notify.urls", receiver.url("/generic"),
                        // a receiver that hangs keeps its request open for the whole test
                        "conops.notify.timeout", "120s"));
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.close();
    }

    @AfterEach
    void cleanUp() {
        for (String app : apps) {
            server.call("DELETE", "/api/v1/apps/" + app, null);
            Docker.purge(app);
        }
    }

    private String newApp() {
        String app = "conops-test-notify-" + UUID.randomUUID().toString().substring(0, 6);
        apps.add(app);
        return app;
    }

    private void awaitStatus(String app, String status) {
        await().atMost(Duration.ofSeconds(90))
                .until(() -> server.app(app).get("status").asString().equals(status));
    }

    private List<Receiver.Message> about(String path, String app, String event) {
        return receiver.at(path, body -> body.contains(app) && body.contains(event));
    }

    @Test
    void aFailingCommitSendsOneMessageAndItsFixOneMore() {
        String app = newApp();
        TestRepo repo = TestRepo.create(tmp.resolve(app));
        repo.commit("good", Map.of("compose.yaml", GOOD));
        String own = "\"notify_urls\":[\"slack+" + receiver.url("/slack") + "\",\"ntfy+"
                + receiver.url("/topic").replace("http://", "http://bob:pw@") + "\"]";
        JsonNode created = server.register(app, repo.url(), own);
        assertThat(created.get("has_notify_urls").asBoolean()).isTrue();
        assertThat(created.toString()).doesNotContain(receiver.url("/slack"));
        awaitStatus(app, "synced");

        String broken = repo.commit("broken", Map.of("compose.yaml", BROKEN));
        awaitStatus(app, "error");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> about("/generic", app, "sync_failed").size() == 1
                        && receiver.at("/slack", b -> b.contains(app)).size() == 1
                        && receiver.at("/topic", b -> true).size() == 1);
        // ticks, polls and a manual sync of the same broken commit change nothing: no more messages
        server.call("POST", "/api/v1/apps/" + app + "/sync?wait=60s", null);
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(10))
                .until(() -> receiver.at("/generic", b -> b.contains(app)).size() == 1);

        JsonNode failed =
                TestServer.parse(about("/generic", app, "sync_failed").get(0).body());
        assertThat(failed.get("event").asString()).isEqualTo("sync_failed");
        assertThat(failed.get("commit").asString()).isEqualTo(broken);
        assertThat(failed.get("status").asString()).isEqualTo("error");
        assertThat(failed.get("message").asString()).isNotBlank();
        JsonNode slack =
                TestServer.parse(receiver.at("/slack", b -> true).get(0).body());
        assertThat(slack.get("text").asString()).contains(app).contains("sync failed");
        Receiver.Message ntfy = receiver.at("/topic", b -> true).get(0);
        assertThat(ntfy.header("Title")).contains(app).contains("sync failed");
        assertThat(ntfy.header("Authorization")).isEqualTo("Basic Ym9iOnB3");

        repo.commit("fixed", Map.of("compose.yaml", GOOD + "# fixed\n"));
        awaitStatus(app, "synced");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> about("/generic", app, "recovered").size() == 1
                        && receiver.at("/slack", b -> b.contains(app)).size() == 2
                        && receiver.at("/topic", b -> true).size() == 2);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(8))
                .until(() -> receiver.at("/generic", b -> b.contains(app)).size() == 2);
    }

    @Test
    void aReceiverThatNeverAnswersHoldsNoSyncUp() throws Exception {
        String app = newApp();
        try (BlackHole hole = new BlackHole()) {
            TestRepo repo = TestRepo.create(tmp.resolve(app));
            repo.commit("broken", Map.of("compose.yaml", BROKEN));
            server.register(app, repo.url(), "\"notify_urls\":[\"" + hole.url("/hook") + "\"]");
            awaitStatus(app, "error");
            await().atMost(Duration.ofSeconds(30)).until(() -> !hole.held.isEmpty());

            // the failure's message hangs at the receiver; the fix still deploys, and a manual sync answers
            repo.commit("fixed", Map.of("compose.yaml", GOOD));
            awaitStatus(app, "synced");
            HttpResponse<String> sync = server.call("POST", "/api/v1/apps/" + app + "/sync?wait=60s", null);
            assertThat(sync.statusCode()).isEqualTo(200);
            assertThat(hole.stillHanging()).isTrue();
        }
    }

    @Test
    void theTestEndpointReachesEveryTargetAndNamesNoUrl() {
        String app = newApp();
        TestRepo repo = TestRepo.create(tmp.resolve(app));
        repo.commit("good", Map.of("compose.yaml", GOOD));
        server.register(app, repo.url(), "\"notify_urls\":[\"ntfy+" + receiver.url("/test-topic") + "\"]");

        JsonNode global = server.json("POST", "/api/v1/notifications/test", null);
        assertThat(global.get("results")).hasSize(1);
        assertThat(global.get("results").get(0).get("target").asString()).isEqualTo("global #1");
        assertThat(global.get("results").get(0).get("delivered").asBoolean()).isTrue();

        JsonNode both = server.json("POST", "/api/v1/notifications/test", "{\"app\":\"" + app + "\"}");
        assertThat(both.get("results")).hasSize(2);
        assertThat(both.get("results").get(1).get("kind").asString()).isEqualTo("ntfy");
        assertThat(both.get("results").get(1).get("delivered").asBoolean()).isTrue();
        assertThat(both.toString()).doesNotContain("127.0.0.1");
        assertThat(receiver.at("/test-topic", b -> b.contains("test message"))).hasSize(1);
        assertThat(receiver.at("/generic", b -> b.contains("\"event\":\"test\"")))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aBadNotifyUrlIsRefusedNamingTheFieldButNotTheUrl() {
        String app = newApp();
        HttpResponse<String> r = server.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"" + app + "\",\"repo_url\":\"file:///nowhere.git\","
                        + "\"notify_urls\":[\"https://ok.example.com/x\",\"teams+https://example.com/secret-token-1\"]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(r.body()).contains("notify_urls").contains("entry 2").doesNotContain("secret-token-1");
        assertThat(server.call("POST", "/api/v1/notifications/test", "{\"nope\":1}")
                        .statusCode())
                .isEqualTo(400);
    }
}
