package io.conops.server.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A deployed app whose repository goes away, or whose token is revoked, keeps running and says so
 * with a condition; the condition clears by itself when the cause goes away, with no new deployment.
 * A manual sync that cannot reach the remote is a failed deployment that says why.
 */
class RepositoryConditionsIT {
    static final String TOKEN = "conditions-token-" + "71c2e0";
    static final String COMPOSE = """
            services:
              app:
                image: local/busybox:1
                init: true
                network_mode: none
                command: ["sleep", "100000"]
            """;

    @TempDir
    static Path tmp;

    static TestServer server;
    static TestHttpGitServer http;
    static final Map<String, String> tokens = new ConcurrentHashMap<>(Map.of("x-access-token", TOKEN));
    final List<String> apps = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        http = TestHttpGitServer.start(tmp.resolve("served"), tmp.resolve("tomcat"), tokens);
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "1h"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        http.close();
    }

    @AfterEach
    void cleanUp() {
        tokens.put("x-access-token", TOKEN);
        for (String app : apps) {
            server.call("DELETE", "/api/v1/apps/" + app, null);
            Docker.purge(app);
        }
    }

    private String name() {
        String app = "conops-test-" + UUID.randomUUID().toString().substring(0, 8);
        apps.add(app);
        return app;
    }

    private TestRepo origin(String name) throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("served"), name);
        repo.write("compose.yaml", COMPOSE).commit("first");
        return repo;
    }

    private JsonNode awaitApp(String app, java.util.function.Predicate<JsonNode> condition) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> condition.test(server.app(app)));
        return server.app(app);
    }

    private static JsonNode condition(JsonNode app, String type) {
        return TestServer.condition(app, type);
    }

    private int deployments(String app) {
        return server.json("GET", "/api/v1/apps/" + app + "/deployments", null).size();
    }

    @Test
    void aSyncedAppWhoseRepositoryMovesAwayShowsGitUnreachableAndClearsItWhenItReturns() throws Exception {
        String app = name();
        TestRepo repo = origin(app);
        server.register(app, repo.fileUrl(), null); // polled every second
        JsonNode synced = awaitApp(app, a -> a.get("status").asString().equals("synced"));
        String commit = synced.get("last_synced_commit").asString();
        String container = Docker.containers(app, "app").get(0);

        Path moved = repo.bareDir().resolveSibling(app + "-moved.git");
        Files.move(repo.bareDir(), moved);
        JsonNode gone = awaitApp(app, a -> condition(a, "GitUnreachable") != null);
        assertThat(condition(gone, "GitUnreachable").get("message").asString()).contains("not found");
        assertThat(condition(gone, "GitUnreachable").get("since").isNull()).isFalse();
        assertThat(gone.get("status").asString()).isEqualTo("synced");
        assertThat(gone.get("health").asString()).isEqualTo("healthy");
        assertThat(gone.get("last_synced_commit").asString()).isEqualTo(commit);
        assertThat(deployments(app)).isEqualTo(1);

        Files.move(moved, repo.bareDir());
        JsonNode back = awaitApp(app, a -> a.get("conditions").isEmpty());
        assertThat(back.get("status").asString()).isEqualTo("synced");
        assertThat(back.get("last_synced_commit").asString()).isEqualTo(commit);
        assertThat(deployments(app)).isEqualTo(1);
        assertThat(Docker.containers(app, "app")).containsExactly(container);
    }

    @Test
    void aRevokedTokenShowsAuthFailedAndARestoredOneClearsIt() throws Exception {
        String app = name();
        origin(app);
        server.register(app, http.url(app + ".git"), "\"repo_auth_method\":\"token\",\"repo_token\":\"" + TOKEN + "\"");
        awaitApp(app, a -> a.get("status").asString().equals("synced"));

        tokens.remove("x-access-token");
        JsonNode revoked = awaitApp(app, a -> condition(a, "AuthFailed") != null);
        assertThat(condition(revoked, "AuthFailed").get("message").asString())
                .contains("authentication failed")
                .doesNotContain(TOKEN);
        assertThat(revoked.get("status").asString()).isEqualTo("synced");
        assertThat(deployments(app)).isEqualTo(1);

        tokens.put("x-access-token", TOKEN);
        awaitApp(app, a -> a.get("conditions").isEmpty());
        assertThat(deployments(app)).isEqualTo(1);
    }

    @Test
    void aManualSyncAgainstAnUnreachableRemoteIsAFailedDeploymentThatSaysWhy() throws Exception {
        String app = name();
        TestRepo repo = origin(app);
        server.register(app, repo.fileUrl(), null);
        String commit = awaitApp(app, a -> a.get("status").asString().equals("synced"))
                .get("last_synced_commit")
                .asString();
        String container = Docker.containers(app, "app").get(0);
        Files.move(repo.bareDir(), repo.bareDir().resolveSibling(app + "-gone.git"));

        HttpResponse<String> r = server.call("POST", "/api/v1/apps/" + app + "/sync", null);
        assertThat(r.statusCode()).isEqualTo(202);
        // the manual sync's own record (a poll may add an "unchanged" one of its own meanwhile)
        JsonNode[] manual = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode all = server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
            manual[0] = null;
            for (JsonNode d : all) {
                if (d.get("trigger").asString().equals("manual")
                        && !d.get("outcome").asString().equals("running")) {
                    manual[0] = d;
                    break;
                }
            }
            assertThat(manual[0])
                    .as("a finished manual deployment among %s", all)
                    .isNotNull();
        });
        JsonNode last = manual[0];
        assertThat(last.get("outcome").asString()).isEqualTo("failed");
        assertThat(last.get("message").asString()).startsWith("cannot sync: ").contains("not found");
        JsonNode a = server.app(app);
        assertThat(a.get("last_synced_commit").asString()).isEqualTo(commit);
        assertThat(condition(a, "GitUnreachable")).isNotNull();
        assertThat(Docker.containers(app, "app")).containsExactly(container);
    }

    @Test
    void aBranchThatDoesNotExistNamesTheBranchesTheRemoteHas() throws Exception {
        String app = name();
        TestRepo repo = origin(app);
        server.register(app, repo.fileUrl(), "\"branch\":\"mian\"");
        JsonNode failed = awaitApp(app, a -> a.get("status").asString().equals("error"));
        assertThat(failed.get("last_error").asString())
                .contains("branch 'mian' not found")
                .contains("it has main");
        assertThat(condition(failed, "GitUnreachable")).isNotNull();
    }
}
