package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.Postgres;
import io.conops.server.support.ScriptServer;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The packaged server as a user starts it (scripts/start-server.sh: Spring's ahead-of-time mode,
 * its generated bean definitions and Spring Data repositories, on the build's start-up archive)
 * carries one app through its whole life on the real Docker Engine: register, follow a commit,
 * heal a killed container, tokens made, used and revoked, the audit trail, a restart on the same
 * data directory, delete. Every other IT runs the server in-process without AOT; this one is the
 * proof that the generated code holds up: every repository is reached (the pulled images through
 * CONOPS_IMAGE_CLEANUP's sweep, the history's trimming through a retention of two).
 */
class ProductionModeIT {
    static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "DB_TYPE={0}")
    @ValueSource(strings = {"h2", "postgres"})
    void anAppsWholeLifeRunsOnThePackagedServerInSpringsAheadOfTimeMode(String database) throws Exception {
        // the build processed the application with H2: the same generated code serves PostgreSQL
        Postgres pg = database.equals("postgres") ? Postgres.schema() : null;
        Map<String, String> db = pg == null
                ? Map.of("DB_TYPE", "h2")
                : Map.of("DB_TYPE", "postgres", "DB_CONNECTION_STRING", pg.connectionString());
        String app = "conops-test-prod-" + UUID.randomUUID().toString().substring(0, 8);
        String tokenName = app + "-tok";
        Path data = tmp.resolve("data");
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        ScriptServer server = null;
        try {
            server = start(data, tmp.resolve("first.log"), db);

            // 1. registered from a file:// repository, deployed and serving on loopback
            int port = Docker.freePort();
            String sha1 = repo.commit("v1", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "v1"));
            ScriptServer s = server;
            HttpResponse<String> created = s.call(
                    "POST",
                    "/api/v1/apps/",
                    "{\"name\":\"" + app + "\",\"repo_url\":\"" + repo.url() + "\",\"poll_interval\":\"1s\"}",
                    TestServer.TOKEN);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            awaitSynced(s, app, sha1);
            awaitServing(port, "v1");
            String first = Docker.containers(app, "web").get(0);

            // 2. a second commit moves the service; the history has both, newest first
            int port2 = Docker.freePort();
            String sha2 = repo.commit("v2", Map.of("compose.yaml", Docker.webCompose(port2), "site/index.html", "v2"));
            awaitSynced(s, app, sha2);
            awaitServing(port2, "v2");
            assertThat(Docker.fetch("http://127.0.0.1:" + port + "/")).isNull();
            assertThat(Docker.containers(app, "web")).doesNotContain(first);
            JsonNode history = s.get("/api/v1/apps/" + app + "/deployments");
            assertThat(history).hasSize(2);
            assertThat(history)
                    .extracting(d -> d.get("commit").asString() + " "
                            + d.get("commit_message").asString() + " "
                            + d.get("trigger").asString() + " "
                            + d.get("outcome").asString())
                    .containsExactly(sha2 + " v2 poll succeeded", sha1 + " v1 register succeeded");
            assertThat(history.get(0).get("id").asLong())
                    .isGreaterThan(history.get(1).get("id").asLong());

            // 3. killed behind ConOps' back, the container runs again; a retention of two trims the
            // registration's record
            String web = Docker.containers(app, "web").get(0);
            Docker.run("kill", web);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonNode h = s.get("/api/v1/apps/" + app + "/deployments");
                return h.get(0).get("trigger").asString().equals("drift")
                        && h.get(0).get("outcome").asString().equals("succeeded");
            });
            awaitServing(port2, "v2");
            assertThat(Docker.containers(app, "web")).containsExactly(web);
            assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", web)).isEqualTo("true");
            history = s.get("/api/v1/apps/" + app + "/deployments");
            assertThat(history)
                    .extracting(d ->
                            d.get("trigger").asString() + " " + d.get("commit").asString())
                    .containsExactly("drift " + sha2, "poll " + sha2);
            assertThat(history.get(0).get("transcript").asString()).contains("starting container");
            await().atMost(WAIT).until(() -> {
                JsonNode a = s.get("/api/v1/apps/" + app);
                return a.get("status").asString().equals("synced")
                        && a.get("health").asString().equals("healthy");
            });

            // 4. a token made, used (and its use recorded), revoked, refused
            HttpResponse<String> made = s.call(
                    "POST", "/api/v1/tokens", "{\"name\":\"" + tokenName + "\",\"role\":\"viewer\"}", TestServer.TOKEN);
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            String value = TestServer.parse(made.body()).get("token").asString();
            HttpResponse<String> listed = s.call("GET", "/api/v1/apps", null, value);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(TestServer.parse(listed.body()))
                    .extracting(a -> a.get("name").asString())
                    .containsExactly(app);
            assertThat(s.call("POST", "/api/v1/apps/" + app + "/sync", null, value)
                            .statusCode())
                    .as("a viewer does not sync")
                    .isEqualTo(403);
            await().atMost(WAIT)
                    .until(() -> !token(s, tokenName).get("last_used_at").isNull());
            assertThat(s.call("DELETE", "/api/v1/tokens/" + tokenName, null, TestServer.TOKEN)
                            .statusCode())
                    .isEqualTo(204);
            assertThat(s.call("GET", "/api/v1/apps", null, value).statusCode()).isEqualTo(401);

            // 5. the audit trail
            assertThat(actions(s, "?app=" + app)).contains("app.created ok admin");
            assertThat(actions(s, "?limit=1000")).contains("token.created ok admin", "token.revoked ok admin");

            // 6. stopped and started again on the same data directory: all of it is still there
            server.stop();
            server = null;
            server = start(data, tmp.resolve("second.log"), db);
            ScriptServer again = server;
            awaitSynced(again, app, sha2);
            awaitServing(port2, "v2");
            assertThat(Docker.containers(app, "web")).containsExactly(web);
            assertThat(again.call("GET", "/api/v1/apps", null, value).statusCode())
                    .isEqualTo(401);
            assertThat(actions(again, "?app=" + app)).contains("app.created ok admin");
            // a manual sync that changes nothing leaves one such record, however often it is asked for
            for (int i = 0; i < 2; i++) {
                long before = again.get("/api/v1/apps/" + app + "/deployments")
                        .get(0)
                        .get("id")
                        .asLong();
                assertThat(again.call("POST", "/api/v1/apps/" + app + "/sync", null, TestServer.TOKEN)
                                .statusCode())
                        .isEqualTo(202);
                await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
                    JsonNode h = again.get("/api/v1/apps/" + app + "/deployments");
                    return h.get(0).get("id").asLong() > before
                            && h.get(0).get("trigger").asString().equals("manual")
                            && h.get(0).get("outcome").asString().equals("unchanged");
                });
            }
            assertThat(again.get("/api/v1/apps/" + app + "/deployments"))
                    .extracting(d ->
                            d.get("trigger").asString() + " " + d.get("outcome").asString())
                    .containsExactly("manual unchanged", "drift succeeded", "poll succeeded");
            assertThat(Docker.containers(app, "web")).containsExactly(web);

            // 7. deleted (volumes kept by default): its containers go, and so does the app
            assertThat(again.call("DELETE", "/api/v1/apps/" + app, null, TestServer.TOKEN)
                            .statusCode())
                    .isEqualTo(204);
            assertThat(Docker.allContainers(app)).isEmpty();
            assertThat(again.call("GET", "/api/v1/apps/" + app, null, TestServer.TOKEN)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(again.call("GET", "/api/v1/apps/" + app + "/deployments", null, TestServer.TOKEN)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(actions(again, "?app=" + app)).contains("app.deleted ok admin");
            assertThat(data.resolve("apps")).isEmptyDirectory();
        } catch (Throwable t) {
            // the server ran in another process, its log in a folder about to go: show it with the failure
            for (String name : List.of("first.log", "second.log")) {
                Path log = tmp.resolve(name);
                if (Files.exists(log)) {
                    String text = Files.readString(log, StandardCharsets.UTF_8);
                    t.addSuppressed(new AssertionError(
                            "server " + name + " (its end):\n" + text.substring(Math.max(0, text.length() - 20_000))));
                }
            }
            throw t;
        } finally {
            try {
                if (server != null && server.process().isAlive()) {
                    server.call("DELETE", "/api/v1/apps/" + app + "?remove_volumes=true", null, TestServer.TOKEN);
                }
            } finally {
                if (server != null) {
                    server.stop();
                }
                repo.close();
                Docker.purge(app);
                if (pg != null) {
                    pg.close();
                }
            }
        }
    }

    private static void awaitSynced(ScriptServer s, String app, String commit) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode a = s.get("/api/v1/apps/" + app);
            return a.get("status").asString().equals("synced")
                    && commit.equals(a.get("last_synced_commit").asString());
        });
    }

    private static void awaitServing(int port, String body) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> body.equals(Docker.fetch("http://127.0.0.1:" + port + "/")));
    }

    private static JsonNode token(ScriptServer s, String name) {
        for (JsonNode t : s.get("/api/v1/tokens")) {
            if (t.get("name").asString().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no token " + name);
    }

    /** The audit trail's entries as "action outcome token". */
    private static List<String> actions(ScriptServer s, String query) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : s.get("/api/v1/audit" + query)) {
            out.add(e.get("action").asString() + " " + e.get("outcome").asString() + " "
                    + e.get("token").asString());
        }
        return out;
    }

    /**
     * The server started through scripts/start-server.sh, ready, in Spring's ahead-of-time mode with
     * the repositories generated at build time.
     */
    private static ScriptServer start(Path data, Path log, Map<String, String> db) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "CONOPS_DATA_DIR", data.toString(),
                "SERVER_ADDRESS", "127.0.0.1",
                "CONOPS_ADMIN_TOKEN", TestServer.TOKEN,
                "CONOPS_ALLOW_FILE_REPOS", "true",
                "CONOPS_RECONCILE_INTERVAL", "2s",
                "CONOPS_IMAGE_CLEANUP", "true",
                "CONOPS_DEPLOYMENT_RETENTION", "2",
                "JAVA_OPTS", "-Xlog:class+load=info:file=" + classes(log)));
        env.putAll(db);
        ScriptServer s = ScriptServer.start("scripts/start-server.sh", log.getParent(), log, env);
        try {
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> !s.process().isAlive() || s.answers("/actuator/health/readiness"));
            assertThat(s.process().isAlive()).as(s::output).isTrue();
            assertThat(s.output())
                    .doesNotContain("no start-up archive")
                    .contains("Starting AOT-processed ConopsApplication");
            // the repositories are the implementations generated at build time
            String loaded = Files.readString(classes(log), StandardCharsets.UTF_8);
            for (String repository : List.of(
                    "app.AppRepository",
                    "sync.DeploymentRepository",
                    "token.TokenRepository",
                    "audit.AuditRepository",
                    "sync.PulledImageRepository")) {
                assertThat(loaded).contains(" io.conops.server." + repository + "Impl__AotRepository ");
            }
        } catch (Throwable t) {
            s.stop();
            throw t;
        }
        return s;
    }

    private static Path classes(Path log) {
        return log.resolveSibling(log.getFileName() + ".classes");
    }
}
