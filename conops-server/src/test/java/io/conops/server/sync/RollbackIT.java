package io.conops.server.sync;

import static io.conops.server.support.ServerFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.ServerFixture;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given an app that deployed two commits on a real Docker Engine: a rollback to the first serves
 * the old version again and pins the app there, a commit pushed meanwhile is recorded but not
 * deployed, and unpinning deploys it. The history and the audit trail say who rolled back.
 */
class RollbackIT {
    @TempDir
    static Path tmp;

    @RegisterExtension
    static final ServerFixture fixture = new ServerFixture("conops-test-rollback-");

    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = fixture.server();
    }

    @Test
    void rollbackServesTheOldVersionAndPinsTheAppUntilUnpinned() {
        String app = fixture.newApp();
        int port = Docker.freePort();
        String page = "http://127.0.0.1:" + port + "/";
        TestRepo repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        String v1 = repo.commit("v1", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "v1"));
        server.register(app, repo.url(), null);
        fixture.awaitSyncedAt(app, v1);
        String v2 = repo.commit("v2", Map.of("site/index.html", "v2"));
        fixture.awaitSyncedAt(app, v2);
        await().atMost(Duration.ofSeconds(30)).until(() -> "v2".equals(Docker.fetch(page)));
        long firstDeployment = fixture.history(app).stream()
                .filter(d -> d.get("commit").asString().equals(v1))
                .mapToLong(d -> d.get("id").asLong())
                .findFirst()
                .orElseThrow();

        HttpResponse<String> rolledBack =
                server.call("POST", "/api/v1/apps/" + app + "/rollback", "{\"deployment_id\":" + firstDeployment + "}");
        assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(202);
        assertThat(TestServer.parse(rolledBack.body()).get("pinned_commit").asString())
                .isEqualTo(v1);
        fixture.awaitSyncedAt(app, v1);
        await().atMost(Duration.ofSeconds(30)).until(() -> "v1".equals(Docker.fetch(page)));
        JsonNode pinned = server.app(app);
        assertThat(pinned.get("pinned_commit").asString()).isEqualTo(v1);
        assertThat(TestServer.condition(pinned, "Pinned").get("message").asString())
                .contains(v1.substring(0, 7));
        JsonNode record = fixture.history(app).get(0);
        assertThat(record.get("trigger").asString()).isEqualTo("rollback");
        assertThat(record.get("commit").asString()).isEqualTo(v1);
        assertThat(record.get("outcome").asString()).isEqualTo("succeeded");
        assertThat(record.get("requested_by").asString()).isEqualTo("admin");
        assertThat(server.json("GET", "/api/v1/audit", null)).anySatisfy(e -> {
            assertThat(e.get("action").asString()).isEqualTo("app.rolled_back");
            assertThat(e.get("app").asString()).isEqualTo(app);
            assertThat(e.get("target").asString()).isEqualTo(v1);
            assertThat(e.get("token").asString()).isEqualTo("admin");
        });

        // a new commit while pinned: the poll records it in the same step in which it decides, and
        // a decision to deploy would have made the app pending in that same step
        int records = fixture.history(app).size();
        String v3 = repo.commit("v3", Map.of("site/index.html", "v3"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> v3.equals(server.app(app).get("last_seen_commit").asString()));
        JsonNode seen = server.app(app);
        assertThat(seen.get("status").asString()).isEqualTo("synced");
        assertThat(seen.get("last_synced_commit").asString()).isEqualTo(v1);
        assertThat(TestServer.condition(seen, "Pinned").get("message").asString())
                .contains("the branch is at " + v3.substring(0, 7));
        assertThat(fixture.history(app)).hasSize(records);
        assertThat(Docker.fetch(page)).isEqualTo("v1");

        HttpResponse<String> unpinned = server.call("POST", "/api/v1/apps/" + app + "/unpin", null);
        assertThat(unpinned.statusCode()).as(unpinned.body()).isEqualTo(202);
        assertThat(TestServer.parse(unpinned.body()).get("pinned_commit").isNull())
                .isTrue();
        fixture.awaitSyncedAt(app, v3);
        await().atMost(Duration.ofSeconds(30)).until(() -> "v3".equals(Docker.fetch(page)));
        assertThat(TestServer.condition(server.app(app), "Pinned")).isNull();
        assertThat(fixture.history(app).get(0).get("requested_by").asString()).isEqualTo("admin");
    }

    @Test
    void aRollbackByCommitPicksThatCommitsDeploymentAndBadRequestsNameTheField() {
        String app = fixture.newApp();
        TestRepo repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        String v1 = repo.commit(
                "v1", Map.of("compose.yaml", Docker.webCompose(Docker.freePort()), "site/index.html", "v1"));
        server.register(app, repo.url(), null);
        fixture.awaitSyncedAt(app, v1);
        String v2 = repo.commit("v2", Map.of("site/index.html", "v2"));
        fixture.awaitSyncedAt(app, v2);
        String path = "/api/v1/apps/" + app + "/rollback";

        assertProblem(server.call("POST", path, "{}"), "deployment_id");
        assertProblem(server.call("POST", path, "{\"deployment_id\":1,\"commit\":\"" + v1 + "\"}"), "deployment_id");
        assertProblem(server.call("POST", path, "{\"deployment_id\":987654}"), "deployment_id");
        assertProblem(server.call("POST", path, "{\"commit\":\"not-a-sha\"}"), "commit");
        assertProblem(server.call("POST", path, "{\"commit\":\"0000000\"}"), "commit");
        assertProblem(server.call("POST", path, "{\"deployment_id\":\"one\"}"), "deployment_id");
        assertThat(server.call("POST", "/api/v1/apps/conops-test-no-such-app/rollback", "{\"commit\":\"" + v1 + "\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(server.app(app).get("pinned_commit").isNull()).isTrue();

        HttpResponse<String> r = server.call("POST", path, "{\"commit\":\"" + v1.substring(0, 8) + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        fixture.awaitSyncedAt(app, v1);
        assertThat(server.app(app).get("pinned_commit").asString()).isEqualTo(v1);
    }
}
