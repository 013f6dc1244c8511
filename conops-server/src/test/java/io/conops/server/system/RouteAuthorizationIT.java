package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.HandlerLog;
import io.conops.server.support.RawHttp;
import io.conops.server.support.Routes;
import io.conops.server.support.Routes.Route;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every route the server maps, spelled every way a path can be bent, sent anonymously over a raw
 * socket: none reaches a protected handler, none is a 5xx. The routes come from the running
 * server's own handler mappings, so a new endpoint is covered the day it is added.
 */
class RouteAuthorizationIT {
    static final String APP = "conops-test-routeauth";
    static final String CREATE_BODY =
            "{\"name\":\"" + APP + "-x\",\"repo_url\":\"https://127.0.0.1:1/evil.git\",\"poll_interval\":\"1h\"}";

    @TempDir
    static Path tmp;

    static TestServer server;
    static HandlerLog handlers;
    int deploymentsBefore;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"), Map.of(TestServer.EXTRA_SOURCES, HandlerLog.class.getName()));
        handlers = server.bean(HandlerLog.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Exactly the registered app, on branch main; whatever a test with the token made is gone. */
    @BeforeEach
    void onlyTheRegisteredApp() {
        for (JsonNode app : server.json("GET", "/api/v1/apps/", null)) {
            if (!app.get("name").asString().equals(APP)) {
                assertThat(server.call("DELETE", "/api/v1/apps/" + app.get("id").asString(), null)
                                .statusCode())
                        .isEqualTo(204);
            }
        }
        if (server.call("GET", "/api/v1/apps/" + APP, null).statusCode() == 404) {
            String body = "{\"name\":\"" + APP
                    + "\",\"repo_url\":\"https://127.0.0.1:1/nothing.git\",\"poll_interval\":\"1h\"}";
            assertThat(server.call("POST", "/api/v1/apps/", body).statusCode()).isEqualTo(201);
        }
        // the first poll of the unreachable repository ends in error; then nothing moves unless asked
        await().atMost(Duration.ofSeconds(60))
                .until(() -> server.app(APP).get("status").asString().equals("error"));
        deploymentsBefore = deployments();
        handlers.drain();
    }

    @Test
    void theReportedBypassCreatesNothing() {
        RawHttp.Response r = RawHttp.send(server.port, "POST", "/api;/v1/apps/", null, CREATE_BODY);
        assertThat(r.status()).as(r.head()).isEqualTo(400);
        assertThat(r.header("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(handlers.drain()).isEmpty();
        assertOnlyTheRegisteredAppUnchanged();
    }

    @Test
    void anonymousRequestsReachNoProtectedHandlerHoweverThePathIsSpelled() {
        List<Route> routes = routes();
        assertThat(routes).extracting(Route::pattern).contains("/api/v1/apps/{id}/sync", "/actuator/health");
        SoftAssertions soft = new SoftAssertions();
        int sent = 0;
        int webhooks = 0;
        for (Route route : routes) {
            boolean open = isOpen(route);
            boolean webhook = isWebhook(route);
            for (String target : PathVariants.of(route.path())) {
                RawHttp.Response r = RawHttp.send(server.port, route.method(), target, null, bodyFor(route.method()));
                sent++;
                String what = route.method() + " " + target + " -> " + r.status();
                List<String> ran = handlers.drain();
                if (open) {
                    soft.assertThat(r.status()).as(what).isLessThan(500);
                    soft.assertThat(ran).as(what).allMatch(RouteAuthorizationIT::isOpenHandler);
                } else if (webhook) {
                    // open, but each delivery is authenticated by its signature: an unsigned body is refused
                    soft.assertThat(r.status()).as(what).isIn(400, 401, 404);
                    soft.assertThat(ran).as(what).allMatch(h -> isWebhookHandler(h) || isOpenHandler(h));
                    if (target.equals(route.path())) {
                        webhooks++;
                        soft.assertThat(r.status()).as(what).isEqualTo(401);
                        soft.assertThat(ran).as(what).containsExactly("REQUEST " + route.pattern());
                        soft.assertThat(r.header("WWW-Authenticate"))
                                .as(what)
                                .hasValueSatisfying(v -> assertThat(v).startsWith("Webhook realm=\"conops\""));
                    }
                } else if (isPage(route)) {
                    // the web UI: anonymous visitors are sent to the login page, a form without its
                    // CSRF token is refused (a spelling the UI's chain does not match, such as /UI/, falls to
                    // the API's and is refused there); no page handler runs
                    soft.assertThat(r.status()).as(what).isIn(302, 400, 401, 403, 404);
                    soft.assertThat(ran).as(what + ": handlers run").allMatch(RouteAuthorizationIT::isOpenHandler);
                    if (r.status() == 302) {
                        soft.assertThat(r.header("Location"))
                                .as(what)
                                .hasValueSatisfying(l -> assertThat(l).endsWith("/ui/login"));
                    }
                } else {
                    soft.assertThat(r.status()).as(what).isIn(400, 401, 404);
                    soft.assertThat(ran).as(what + ": handlers run").isEmpty();
                }
                if (r.status() == 401 && ran.stream().noneMatch(RouteAuthorizationIT::isWebhookHandler)) {
                    soft.assertThat(r.header("WWW-Authenticate")).as(what).hasValue("Bearer realm=\"conops\"");
                }
            }
        }
        soft.assertAll();
        assertThat(sent).isGreaterThan(200);
        // github, gitlab, gitea, generic, each with and without a trailing slash
        assertThat(webhooks).isEqualTo(8);
        assertOnlyTheRegisteredAppUnchanged();
    }

    @Test
    void withTheTokenNoSpellingOfAnyRouteIsAServerError() {
        SoftAssertions soft = new SoftAssertions();
        for (Route route : routes()) {
            for (String target : PathVariants.of(route.path())) {
                RawHttp.Response r =
                        RawHttp.send(server.port, route.method(), target, TestServer.TOKEN, bodyFor(route.method()));
                String what = route.method() + " " + target + " -> " + r.status() + " " + r.body();
                if (r.body().contains("\"title\":\"Upstream failure\"")) {
                    // the app's repository is unreachable on purpose: routes that must ask Git say so
                    soft.assertThat(r.status()).as(what).isEqualTo(502);
                } else {
                    soft.assertThat(r.status()).as(what).isLessThan(500);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void largeBodiesAreRefusedHoweverThePathIsSpelled() {
        String big = "{\"name\":\"big\",\"repo_url\":\"https://127.0.0.1:1/" + "x".repeat(300_000) + "\"}";
        for (String target : List.of("/api/v1/apps/", "/%61pi/v1/apps/", "/api/v1/%61pps")) {
            RawHttp.Response r = RawHttp.send(server.port, "POST", target, TestServer.TOKEN, big);
            assertThat(r.status()).as(target).isEqualTo(413);
        }
        assertOnlyTheRegisteredAppUnchanged();
    }

    /** Every (method, pattern) of every MVC handler mapping, actuator's included, variables filled. */
    private static List<Route> routes() {
        return Routes.of(server, APP);
    }

    private static String bodyFor(String method) {
        return switch (method) {
            case "POST", "PUT" -> CREATE_BODY;
            case "PATCH" -> "{\"branch\":\"evil\"}";
            default -> null;
        };
    }

    /** The webhooks: open to anonymous POSTs, which their signature authenticates instead of the token. */
    private static boolean isWebhook(Route route) {
        return route.method().equals("POST") && route.pattern().startsWith("/api/v1/webhooks/");
    }

    private static boolean isWebhookHandler(String ran) {
        return ran.startsWith("REQUEST /api/v1/webhooks/");
    }

    /** The allow-list, as the README states it: the login page and the health probes. */
    private static boolean isOpen(Route route) {
        return route.method().equals("GET") && isOpenPattern(route.pattern());
    }

    private static boolean isOpenPattern(String pattern) {
        return pattern.equals("/ui/login")
                || pattern.equals("/actuator/health")
                || pattern.startsWith("/actuator/health/");
    }

    /** The web UI's pages and actions, behind its login (a session, not a bearer token). */
    private static boolean isPage(Route route) {
        return route.pattern().equals("/")
                || route.pattern().equals("/ui")
                || route.pattern().startsWith("/ui/");
    }

    private static boolean isOpenHandler(String ran) {
        String[] parts = ran.split(" ", 2);
        return isOpenPattern(parts[1]) || (parts[0].equals("ERROR") && parts[1].equals("/error"));
    }

    private static int deployments() {
        return server.json("GET", "/api/v1/apps/" + APP + "/deployments", null).size();
    }

    private void assertOnlyTheRegisteredAppUnchanged() {
        JsonNode apps = server.json("GET", "/api/v1/apps/", null);
        assertThat(apps).hasSize(1);
        assertThat(apps.get(0).get("name").asString()).isEqualTo(APP);
        assertThat(apps.get(0).get("branch").asString()).isEqualTo("main");
        assertThat(apps.get(0).get("status").asString()).isEqualTo("error");
        assertThat(deployments()).isEqualTo(deploymentsBefore);
    }
}
