package io.conops.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The API refuses bad input with a problem naming the field, stores nothing, and needs the token. */
class ApiValidationIT {
    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void start() {
        // file:// repositories stay refused here (the default)
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.allow-file-repos", "false"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertProblem(HttpResponse<String> r, int status, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode p = TestServer.parse(r.body());
        assertThat(p.get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(p.get("field").asString()).isEqualTo(field);
            assertThat(p.get("detail").asString()).startsWith(field);
        }
    }

    private static void assertNothingStored() {
        assertThat(server.json("GET", "/api/v1/apps/", null)).isEmpty();
    }

    @Test
    void oversizeBodyIsRefused() {
        String big = "{\"name\":\"web\",\"repo_url\":\"https://example.com/" + "x".repeat(300_000) + "\"}";
        HttpResponse<String> r = server.call("POST", "/api/v1/apps/", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertNothingStored();
    }

    @Test
    void duplicateNameIsA409() {
        String body = "{\"name\":\"dup\",\"repo_url\":\"https://127.0.0.1:1/nothing.git\",\"poll_interval\":\"1h\"}";
        assertThat(server.call("POST", "/api/v1/apps", body).statusCode()).isEqualTo(201);
        try {
            assertProblem(server.call("POST", "/api/v1/apps/", body), 409, "name");
            assertThat(server.json("GET", "/api/v1/apps", null)).hasSize(1);
        } finally {
            assertThat(server.call("DELETE", "/api/v1/apps/dup", null).statusCode())
                    .isEqualTo(204);
        }
    }

    @Test
    void theNameOfTheWebUisRegisterPageIsRefused() {
        String body = "{\"name\":\"new\",\"repo_url\":\"https://127.0.0.1:1/nothing.git\",\"poll_interval\":\"1h\"}";
        HttpResponse<String> r = server.call("POST", "/api/v1/apps/", body);
        assertProblem(r, 400, "name");
        assertThat(TestServer.parse(r.body()).get("detail").asString()).contains("reserved");
        assertNothingStored();
    }

    @Test
    void appsAreFoundByIdOrNameWithOrWithoutTrailingSlash() {
        String body = "{\"name\":\"lookup\",\"repo_url\":\"https://127.0.0.1:1/nothing.git\",\"poll_interval\":\"1h\"}";
        JsonNode created =
                TestServer.parse(server.call("POST", "/api/v1/apps/", body).body());
        String id = created.get("id").asString();
        assertThat(created.get("poll_interval").asString()).isEqualTo("1h");
        assertThat(created.get("repo_auth_method").asString()).isEqualTo("public");
        assertThat(server.json("GET", "/api/v1/apps/" + id, null).get("name").asString())
                .isEqualTo("lookup");
        assertThat(server.json("GET", "/api/v1/apps/lookup/", null).get("id").asString())
                .isEqualTo(id);
        assertProblem(server.call("GET", "/api/v1/apps/nope", null), 404, null);
        assertThat(server.call("DELETE", "/api/v1/apps/" + id + "/", null).statusCode())
                .isEqualTo(204);
    }

    @Test
    void unreachableRepositoryEndsInErrorWithAReadableMessage() {
        String body =
                "{\"name\":\"unreachable\",\"repo_url\":\"https://127.0.0.1:1/nothing.git\",\"poll_interval\":\"1h\"}";
        assertThat(server.call("POST", "/api/v1/apps/", body).statusCode()).isEqualTo(201);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> server.app("unreachable").get("status").asString().equals("error"));
        assertThat(server.app("unreachable").get("last_error").asString())
                .isNotBlank()
                .doesNotContain("Exception");
        assertThat(server.call("DELETE", "/api/v1/apps/unreachable", null).statusCode())
                .isEqualTo(204);
    }

    @Test
    void apiNeedsTheBearerToken() {
        assertProblem(server.call("GET", "/api/v1/apps/", null, null), 401, null);
        assertProblem(server.call("GET", "/api/v1/apps/", null, "wrong-token-wrong-token"), 401, null);
        assertProblem(
                server.call("POST", "/api/v1/apps/", "{\"name\":\"x\",\"repo_url\":\"https://e.com/r\"}", null),
                401,
                null);
        assertProblem(server.call("DELETE", "/api/v1/apps/x", null, null), 401, null);
        assertProblem(server.call("GET", "/actuator/env", null, null), 401, null);
        assertNothingStored();
    }

    @Test
    void healthProbesStayOpenAndShowDatabaseAndDocker() {
        HttpResponse<String> live = server.call("GET", "/actuator/health/liveness", null, null);
        assertThat(live.statusCode()).isEqualTo(200);
        HttpResponse<String> ready = server.call("GET", "/actuator/health/readiness", null, null);
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode health = server.json("GET", "/actuator/health", null);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").has("db")).isTrue();
        assertThat(health.get("components").has("docker")).isTrue();
    }

    @Test
    void rootAndPagesSendAnonymousVisitorsToTheLoginPage() {
        for (String path : java.util.List.of("/", "/ui/apps")) {
            HttpResponse<String> r = server.call("GET", path, null, null);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/ui/login"));
        }
        HttpResponse<String> page = server.call("GET", "/ui/login", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("ConOps");
    }
}
