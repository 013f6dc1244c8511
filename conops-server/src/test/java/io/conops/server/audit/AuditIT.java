package io.conops.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.TestServer;
import io.conops.server.support.UiSession;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Each kind of change, made through the API and the web UI, leaves an entry naming the token, the
 * address, the action, the app and the outcome; refused tokens and logins do too; no entry ever
 * holds a secret; the list is newest first, filtered by app, limited, and for admins only.
 */
class AuditIT {
    static final String APP = "conops-test-audit";
    static final String REPO_TOKEN = "repo-secret-value-0123456789";
    static final String WEBHOOK_SECRET = "webhook-secret-value-0123456789";
    static final String WRONG = "wrong-token-value-0123456789";

    @TempDir
    static Path tmp;

    static TestServer server;
    static String opsToken;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"));
        opsToken = server.json("POST", "/api/v1/tokens", "{\"name\":\"conops-test-ops\",\"role\":\"admin\"}")
                .get("token")
                .asString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<JsonNode> audit(String query) {
        List<JsonNode> entries = new ArrayList<>();
        server.json("GET", "/api/v1/audit" + query, null).forEach(entries::add);
        return entries;
    }

    /** The oldest entry of that action (and app or target, when given). */
    static JsonNode find(String action, String app, String target) {
        List<JsonNode> oldestFirst = audit("?limit=1000");
        Collections.reverse(oldestFirst);
        for (JsonNode e : oldestFirst) {
            if (e.get("action").asString().equals(action)
                    && (app == null || app.equals(e.get("app").asString()))
                    && (target == null || target.equals(e.get("target").asString()))) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " of " + app + "/" + target + " in " + audit("?limit=1000"));
    }

    @Test
    void everyChangeIsRecordedWithWhoFromWhereAndHowItEndedAndNoSecret() {
        String create = "{\"name\":\"" + APP + "\",\"repo_url\":\"https://127.0.0.1:1/x.git\",\"poll_interval\":\"1h\","
                + "\"repo_auth_method\":\"token\",\"repo_token\":\"" + REPO_TOKEN + "\",\"webhook_secret\":\""
                + WEBHOOK_SECRET + "\"}";
        assertThat(server.call("POST", "/api/v1/apps/", create, opsToken).statusCode())
                .isEqualTo(201);
        assertThat(server.call("POST", "/api/v1/apps/", create, opsToken).statusCode())
                .isEqualTo(409);
        assertThat(server.call("PATCH", "/api/v1/apps/" + APP, "{\"poll_interval\":\"2h\"}", opsToken)
                        .statusCode())
                .isEqualTo(200);
        assertThat(server.call("POST", "/api/v1/apps/" + APP + "/sync", null, opsToken)
                        .statusCode())
                .isEqualTo(202);
        JsonNode made = server.json("POST", "/api/v1/tokens", "{\"name\":\"conops-test-temp\",\"role\":\"viewer\"}");
        String tempValue = made.get("token").asString();
        assertThat(server.call("DELETE", "/api/v1/tokens/conops-test-temp", null, opsToken)
                        .statusCode())
                .isEqualTo(204);
        assertThat(server.call("GET", "/api/v1/apps", null, WRONG).statusCode()).isEqualTo(401);
        UiSession ui = new UiSession(server);
        ui.login(opsToken);
        new UiSession(server).login(WRONG);
        String viewer = server.json("POST", "/api/v1/tokens", "{\"name\":\"conops-test-aview\",\"role\":\"viewer\"}")
                .get("token")
                .asString();
        assertThat(server.call("DELETE", "/api/v1/apps/" + APP, null, viewer).statusCode())
                .isEqualTo(403);
        String csrf = UiSession.csrf(ui.get("/ui/apps/" + APP + "/delete").body());
        assertThat(ui.post("/ui/apps/" + APP + "/delete", Map.of("_csrf", csrf)).statusCode())
                .isEqualTo(302);

        JsonNode created = find("app.created", APP, null);
        assertThat(created.get("token").asString()).isEqualTo("conops-test-ops");
        assertThat(created.get("remote_address").asString()).isEqualTo("127.0.0.1");
        assertThat(created.get("outcome").asString()).isEqualTo("ok");
        assertThat(created.get("at").asString()).isNotBlank();
        assertThat(audit("?app=" + APP))
                .extracting(
                        e -> e.get("action").asString() + " " + e.get("outcome").asString())
                .contains("app.created failed", "app.changed ok", "app.synced ok", "app.deleted ok");
        // the UI's delete went through the same service: the same entry, by the same token
        assertThat(find("app.deleted", APP, null).get("token").asString()).isEqualTo("conops-test-ops");
        assertThat(find("token.created", null, "conops-test-temp").get("token").asString())
                .isEqualTo("admin");
        assertThat(find("token.revoked", null, "conops-test-temp").get("token").asString())
                .isEqualTo("conops-test-ops");
        assertThat(find("ui.login", null, null).get("token").asString()).isEqualTo("conops-test-ops");
        JsonNode refused = find("auth.refused", null, null);
        assertThat(refused.get("outcome").asString()).isEqualTo("refused");
        assertThat(refused.get("remote_address").asString()).isEqualTo("127.0.0.1");
        assertThat(audit("?limit=1000"))
                .filteredOn(e -> e.get("action").asString().equals("auth.refused"))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(audit("?limit=1000"))
                .filteredOn(e -> e.get("action").asString().equals("access.denied"))
                .extracting(
                        e -> e.get("token").asString() + " " + e.get("outcome").asString())
                .contains("conops-test-aview refused");

        String all = server.call("GET", "/api/v1/audit?limit=1000", null).body();
        assertThat(all)
                .doesNotContain(REPO_TOKEN)
                .doesNotContain(WEBHOOK_SECRET)
                .doesNotContain(WRONG)
                .doesNotContain(opsToken)
                .doesNotContain(tempValue)
                .doesNotContain(viewer)
                .doesNotContain(TestServer.TOKEN);
    }

    @Test
    void theListIsNewestFirstLimitedAndForAdminsOnly() {
        for (int i = 0; i < 3; i++) {
            server.call("GET", "/api/v1/apps", null, WRONG + i);
        }
        List<JsonNode> two = audit("?limit=2");
        assertThat(two).hasSize(2);
        assertThat(two.get(0).get("id").asLong())
                .isGreaterThan(two.get(1).get("id").asLong());
        for (String bad : List.of("0", "1001", "abc", "-1")) {
            HttpResponse<String> r = server.call("GET", "/api/v1/audit?limit=" + bad, null);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(TestServer.parse(r.body()).get("field").asString()).isEqualTo("limit");
        }
        assertThat(server.call("GET", "/api/v1/audit", null, null).statusCode()).isEqualTo(401);
        String operator = server.json("POST", "/api/v1/tokens", "{\"name\":\"conops-test-aop\",\"role\":\"operator\"}")
                .get("token")
                .asString();
        HttpResponse<String> refused = server.call("GET", "/api/v1/audit", null, operator);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    }

    @Test
    void entriesOlderThanTheRetentionArePruned() {
        try (TestServer shortLived = TestServer.start(tmp.resolve("short"), Map.of("conops.audit-retention", "1s"))) {
            shortLived.call("GET", "/api/v1/apps", null, WRONG);
            assertThat(shortLived.json("GET", "/api/v1/audit", null)).isNotEmpty();
            AuditPrune prune = shortLived.bean(AuditPrune.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                prune.prune();
                return shortLived.json("GET", "/api/v1/audit", null).isEmpty();
            });
        }
    }
}
