package io.conops.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.TestServer;
import io.conops.server.support.UiSession;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Tokens made through the API: shown once, stored as a keyed hash, listed without values, refused
 * once expired or revoked (the UI session too), limited to their apps; bad requests name the field.
 */
class TokensIT {
    static final String A = "conops-test-tok-a";
    static final String B = "conops-test-tok-b";

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"));
        for (String name : new String[] {A, B}) {
            String body =
                    "{\"name\":\"" + name + "\",\"repo_url\":\"https://127.0.0.1:1/x.git\",\"poll_interval\":\"1h\"}";
            assertThat(server.call("POST", "/api/v1/apps/", body).statusCode()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode create(String json) {
        HttpResponse<String> r = server.call("POST", "/api/v1/tokens", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.parse(r.body());
    }

    static int status(String method, String path, String token) {
        return server.call(method, path, null, token).statusCode();
    }

    @Test
    void theValueIsShownOnceAndStoredOnlyAsAKeyedHash() throws Exception {
        JsonNode made = create("{\"name\":\"conops-test-once\",\"role\":\"viewer\",\"expires_in\":\"30d\"}");
        String value = made.get("token").asString();
        assertThat(value).startsWith("conops_").hasSizeGreaterThan(40);
        assertThat(made.get("role").asString()).isEqualTo("viewer");
        assertThat(made.get("expires_at").isNull()).isFalse();
        assertThat(status("GET", "/api/v1/apps", value)).isEqualTo(200);

        HttpResponse<String> list = server.call("GET", "/api/v1/tokens", null);
        assertThat(list.body()).contains("conops-test-once").doesNotContain(value);
        JsonNode listed = TestServer.parse(list.body());
        JsonNode once = null;
        for (JsonNode t : listed) {
            if (t.get("name").asString().equals("conops-test-once")) {
                once = t;
            }
        }
        assertThat(once).isNotNull();
        assertThat(once.has("token") && !once.get("token").isNull()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> lastUsed("conops-test-once") != null);

        Path key = server.dataDir.resolve("token-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
    }

    private static String lastUsed(String name) {
        for (JsonNode t : server.json("GET", "/api/v1/tokens", null)) {
            if (t.get("name").asString().equals(name) && !t.get("last_used_at").isNull()) {
                return t.get("last_used_at").asString();
            }
        }
        return null;
    }

    @Test
    void anExpiredTokenIsRefused() {
        String value = create("{\"name\":\"conops-test-short\",\"role\":\"admin\",\"expires_in\":\"1s\"}")
                .get("token")
                .asString();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status("GET", "/api/v1/apps", value) == 401);
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAlsoInItsUiSession() {
        String value = create("{\"name\":\"conops-test-revoked\",\"role\":\"operator\"}")
                .get("token")
                .asString();
        assertThat(status("GET", "/api/v1/apps", value)).isEqualTo(200);
        UiSession ui = new UiSession(server);
        assertThat(ui.login(value).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/ui/apps"));
        assertThat(ui.get("/ui/apps").statusCode()).isEqualTo(200);

        assertThat(status("DELETE", "/api/v1/tokens/conops-test-revoked", TestServer.TOKEN))
                .isEqualTo(204);

        assertThat(status("GET", "/api/v1/apps", value)).isEqualTo(401);
        HttpResponse<String> page = ui.get("/ui/apps");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/ui/login"));
        assertThat(status("DELETE", "/api/v1/tokens/conops-test-revoked", TestServer.TOKEN))
                .isEqualTo(404);
    }

    @Test
    void anAppLimitedTokenSeesOnlyItsAppsAndOthersAreNotFound() {
        String viewer = create("{\"name\":\"conops-test-lim-v\",\"role\":\"viewer\",\"apps\":[\"" + A + "\"]}")
                .get("token")
                .asString();
        HttpResponse<String> list = server.call("GET", "/api/v1/apps", null, viewer);
        JsonNode apps = TestServer.parse(list.body());
        assertThat(apps).extracting(a -> a.get("name").asString()).containsExactly(A);
        String bId = server.app(B).get("id").asString();
        assertThat(status("GET", "/api/v1/apps/" + A, viewer)).isEqualTo(200);
        assertThat(status("GET", "/api/v1/apps/" + B, viewer)).isEqualTo(404);
        assertThat(status("GET", "/api/v1/apps/" + bId, viewer)).isEqualTo(404);
        assertThat(status("GET", "/api/v1/apps/" + B + "/deployments", viewer)).isEqualTo(404);

        String operator = create("{\"name\":\"conops-test-lim-o\",\"role\":\"operator\",\"apps\":[\"" + A + "\"]}")
                .get("token")
                .asString();
        assertThat(status("POST", "/api/v1/apps/" + A + "/sync", operator)).isEqualTo(202);
        assertThat(status("POST", "/api/v1/apps/" + B + "/sync", operator)).isEqualTo(404);

        String admin = create("{\"name\":\"conops-test-lim-a\",\"role\":\"admin\",\"apps\":[\"" + A + "\"]}")
                .get("token")
                .asString();
        assertThat(status("DELETE", "/api/v1/apps/" + B, admin)).isEqualTo(404);
        HttpResponse<String> other = server.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"conops-test-tok-c\",\"repo_url\":\"https://127.0.0.1:1/x.git\"}",
                admin);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        // tokens and the audit trail span all apps: not for a limited admin
        assertThat(status("GET", "/api/v1/tokens", admin)).isEqualTo(403);
        assertThat(status("GET", "/api/v1/audit", admin)).isEqualTo(403);
        assertThat(server.app(B).get("name").asString()).isEqualTo(B);

        UiSession ui = new UiSession(server);
        ui.login(viewer);
        assertThat(ui.get("/ui/apps").body()).contains(A).doesNotContain(B);
        assertThat(ui.get("/ui/apps/" + B).statusCode()).isEqualTo(404);
    }

    @Test
    void badRequestsNameTheFieldAndDuplicatesConflict() {
        Map<String, String> bad = Map.of(
                "{\"role\":\"viewer\"}", "name",
                "{\"name\":\"Bad Name\",\"role\":\"viewer\"}", "name",
                "{\"name\":\"conops-test-bad\",\"role\":\"root\"}", "role",
                "{\"name\":\"conops-test-bad\",\"role\":\"viewer\",\"expires_in\":\"soon\"}", "expires_in",
                "{\"name\":\"conops-test-bad\",\"role\":\"viewer\",\"expires_in\":\"0s\"}", "expires_in",
                "{\"name\":\"conops-test-bad\",\"role\":\"viewer\",\"apps\":[\"../etc\"]}", "apps",
                "{\"name\":\"conops-test-bad\",\"role\":\"viewer\",\"colour\":\"red\"}", "colour",
                "{\"name\":\"conops-test-bad\",\"role\":7}", "role");
        bad.forEach((body, field) -> {
            HttpResponse<String> r = server.call("POST", "/api/v1/tokens", body);
            assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(TestServer.parse(r.body()).get("field").asString())
                    .as(body)
                    .isEqualTo(field);
        });
        create("{\"name\":\"conops-test-dup\",\"role\":\"viewer\"}");
        HttpResponse<String> dup =
                server.call("POST", "/api/v1/tokens", "{\"name\":\"conops-test-dup\",\"role\":\"admin\"}");
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(TestServer.parse(dup.body()).get("field").asString()).isEqualTo("name");
        assertThat(server.call("POST", "/api/v1/tokens", "{\"name\":\"admin\",\"role\":\"viewer\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(status("DELETE", "/api/v1/tokens/admin", TestServer.TOKEN)).isEqualTo(409);
        assertThat(status("GET", "/api/v1/apps", TestServer.TOKEN)).isEqualTo(200);
    }
}
