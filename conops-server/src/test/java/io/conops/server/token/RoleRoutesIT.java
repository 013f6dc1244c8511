package io.conops.server.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.RawHttp;
import io.conops.server.support.Routes;
import io.conops.server.support.Routes.Route;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every API route the running server maps, called with a viewer's, an operator's and an admin's
 * token and with none: a viewer only reads, an operator reads and syncs, an admin does everything,
 * and nobody without a token gets in. The routes come from the server's own handler mappings.
 */
class RoleRoutesIT {
    static final String APP = "conops-test-roles";
    static final String CREATE_BODY =
            "{\"name\":\"" + APP + "-x\",\"repo_url\":\"https://127.0.0.1:1/x.git\",\"poll_interval\":\"1h\"}";

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"));
        register();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void register() {
        String body = "{\"name\":\"" + APP + "\",\"repo_url\":\"https://127.0.0.1:1/x.git\",\"poll_interval\":\"1h\"}";
        assertThat(server.call("POST", "/api/v1/apps/", body).statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> server.app(APP).get("status").asString().equals("error"));
    }

    static String token(String name, String role) {
        JsonNode t = server.json("POST", "/api/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        return t.get("token").asString();
    }

    /** The API's routes; the UI's pages (a session, not a token) and the open ones are other tests'. */
    static List<Route> apiRoutes() {
        List<Route> routes = Routes.of(server, APP).stream()
                .filter(r -> !r.pattern().equals("/") && !r.pattern().startsWith("/ui"))
                .filter(r -> !r.pattern().equals("/error"))
                .filter(r -> !r.pattern().startsWith("/actuator/health"))
                .filter(r -> !(r.method().equals("POST") && r.pattern().startsWith("/api/v1/webhooks/")))
                .toList();
        assertThat(routes)
                .extracting(Route::pattern)
                .contains("/api/v1/apps/{id}/sync", "/api/v1/tokens", "/api/v1/tokens/{name}", "/api/v1/audit");
        return routes;
    }

    static RawHttp.Response send(Route route, String token) {
        String body = switch (route.method()) {
            case "POST", "PUT" ->
                route.pattern().startsWith("/api/v1/tokens")
                        ? "{\"name\":\"conops-test-made\",\"role\":\"viewer\"}"
                        : CREATE_BODY;
            case "PATCH" -> "{\"branch\":\"evil\"}";
            default -> null;
        };
        return RawHttp.send(server.port, route.method(), route.path(), token, body);
    }

    static boolean isSync(Route r) {
        return r.method().equals("POST") && r.pattern().startsWith("/api/v1/apps/{id}/sync");
    }

    /** Rolling back and unpinning choose which recorded commit runs: an operator may, as with a sync. */
    static boolean isPinning(Route r) {
        return r.method().equals("POST")
                && (r.pattern().startsWith("/api/v1/apps/{id}/rollback")
                        || r.pattern().startsWith("/api/v1/apps/{id}/unpin"));
    }

    static boolean isAdminOnlyRead(Route r) {
        return r.pattern().startsWith("/api/v1/tokens") || r.pattern().startsWith("/api/v1/audit");
    }

    @Test
    void aViewerReadsAndIsRefusedEverythingElse() {
        String viewer = token("conops-test-viewer", "viewer");
        SoftAssertions soft = new SoftAssertions();
        for (Route route : apiRoutes()) {
            RawHttp.Response r = send(route, viewer);
            String what = route.method() + " " + route.path() + " -> " + r.status() + " " + r.body();
            if (route.reads() && !isAdminOnlyRead(route)) {
                soft.assertThat(r.status()).as(what).isIn(200, 404, 502); // 502: the diff asks the unreachable repo
            } else {
                soft.assertThat(r.status()).as(what).isEqualTo(403);
                soft.assertThat(r.header("Content-Type"))
                        .as(what)
                        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
            }
        }
        soft.assertAll();
        assertUnchanged();
    }

    @Test
    void anOperatorReadsSyncsAndRollsBackButChangesNothingElse() {
        String operator = token("conops-test-operator", "operator");
        SoftAssertions soft = new SoftAssertions();
        int syncs = 0;
        int pinning = 0;
        for (Route route : apiRoutes()) {
            RawHttp.Response r = send(route, operator);
            String what = route.method() + " " + route.path() + " -> " + r.status() + " " + r.body();
            if (isSync(route)) {
                syncs++;
                soft.assertThat(r.status()).as(what).isEqualTo(202);
            } else if (isPinning(route)) {
                pinning++;
                // allowed: a create body is no rollback request (400); unpinning an unpinned app is 202
                soft.assertThat(r.status()).as(what).isIn(202, 400);
            } else if (route.reads() && !isAdminOnlyRead(route)) {
                soft.assertThat(r.status()).as(what).isIn(200, 404, 502); // 502: the diff asks the unreachable repo
            } else {
                soft.assertThat(r.status()).as(what).isEqualTo(403);
            }
        }
        soft.assertAll();
        assertThat(syncs).isEqualTo(2);
        assertThat(pinning).isEqualTo(4);
        assertUnchanged();
    }

    @Test
    void anAdminTokenMayCallEveryRouteAndNoTokenNone() {
        String admin = token("conops-test-admin", "admin");
        SoftAssertions soft = new SoftAssertions();
        for (Route route : apiRoutes()) {
            RawHttp.Response anonymous = send(route, null);
            soft.assertThat(anonymous.status())
                    .as("anonymous " + route.method() + " " + route.path())
                    .isEqualTo(401);
            RawHttp.Response r = send(route, admin);
            String what = route.method() + " " + route.path() + " -> " + r.status() + " " + r.body();
            soft.assertThat(r.status()).as(what).isNotIn(401, 403);
            if (server.call("GET", "/api/v1/apps/" + APP, null).statusCode() == 404) {
                register(); // the admin deleted it: the next routes need it again
            }
        }
        soft.assertAll();
        // what the admin made or changed goes, so the other tests find the server as they expect
        server.call("DELETE", "/api/v1/tokens/conops-test-made", null);
        server.call("DELETE", "/api/v1/apps/" + APP + "-x", null);
        assertThat(server.call("DELETE", "/api/v1/apps/" + APP, null).statusCode())
                .isEqualTo(204);
        register();
    }

    private static void assertUnchanged() {
        JsonNode apps = server.json("GET", "/api/v1/apps/", null);
        assertThat(apps).extracting(a -> a.get("name").asString()).containsExactly(APP);
        assertThat(server.app(APP).get("branch").asString()).isEqualTo("main");
        assertThat(server.json("GET", "/api/v1/tokens", null))
                .extracting(t -> t.get("name").asString())
                .doesNotContain("conops-test-made");
    }
}
