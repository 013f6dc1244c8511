package io.conops.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.SshKeys;
import io.conops.server.support.TestServer;
import io.conops.server.support.UiSession;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI's session and safety rules over plain HTTP against the running server: only a logged-in
 * browser gets a page, the cookie cannot be read by scripts or sent by other sites, every form needs
 * its CSRF token, the headers forbid framing and inline scripts, and no page ever carries a secret.
 */
class UiSecurityIT {
    static final String APP = "conops-test-uisec";

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        UiSession anonymous = new UiSession(server);
        for (String path : List.of(
                "/",
                "/ui/apps",
                "/ui/apps/new",
                "/ui/apps/x",
                "/ui/events",
                "/ui/fragments/apps",
                "/ui/fragments/apps/x/diff")) {
            HttpResponse<String> r = anonymous.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location"))
                    .as(path)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/ui/login"));
        }
        HttpResponse<String> login = anonymous.get("/ui/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"token\"").contains("type=\"password\"");
        // a bearer token opens the API, not the pages
        assertThat(server.call("GET", "/ui/apps", null).statusCode()).isEqualTo(302);
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneOpensASessionWithAStrictCookie() {
        UiSession wrong = new UiSession(server);
        HttpResponse<String> refused = wrong.login("not-the-token-0123456789");
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/ui/login?error"));
        assertThat(wrong.get("/ui/apps").statusCode()).isEqualTo(302);

        UiSession ui = new UiSession(server);
        String anonymousSession = ui.get("/ui/login").headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("CONOPS_SESSION="))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> loggedIn = ui.login(TestServer.TOKEN);
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/ui/apps"));
        String cookie = loggedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("CONOPS_SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
        // a new session id at login: an id planted before it is worth nothing
        assertThat(cookie.split(";")[0]).isNotEqualTo(anonymousSession.split(";")[0]);
        assertThat(ui.get("/ui/apps").statusCode()).isEqualTo(200);

        String csrf = UiSession.csrf(ui.get("/ui/apps").body());
        assertThat(ui.post("/ui/logout", Map.of("_csrf", csrf)).statusCode()).isEqualTo(302);
        assertThat(ui.get("/ui/apps").statusCode()).isEqualTo(302);
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefusedAndStoreNothing() {
        UiSession ui = loggedIn();
        Map<String, String> form =
                Map.of("name", APP + "-csrf", "repo_url", "https://127.0.0.1:1/x.git", "poll_interval", "1h");
        HttpResponse<String> r = ui.post("/ui/apps/new", form);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(server.call("GET", "/api/v1/apps/" + APP + "-csrf", null).statusCode())
                .isEqualTo(404);
        // a token from another session is no better
        String otherToken = UiSession.csrf(loggedIn().get("/ui/apps/new").body());
        Map<String, String> withOther = new java.util.HashMap<>(form);
        withOther.put("_csrf", otherToken);
        assertThat(ui.post("/ui/apps/new", withOther).statusCode()).isEqualTo(403);
        assertThat(ui.post("/ui/login", Map.of("token", TestServer.TOKEN)).statusCode())
                .isEqualTo(403);
        // with its own token the same form registers the app
        Map<String, String> withOwn = new java.util.HashMap<>(form);
        withOwn.put("_csrf", UiSession.csrf(ui.get("/ui/apps/new").body()));
        assertThat(ui.post("/ui/apps/new", withOwn).statusCode()).isEqualTo(302);
        assertThat(server.call("GET", "/api/v1/apps/" + APP + "-csrf", null).statusCode())
                .isEqualTo(200);
        server.call("DELETE", "/api/v1/apps/" + APP + "-csrf", null);
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        UiSession ui = loggedIn();
        for (HttpResponse<String> r : List.of(new UiSession(server).get("/ui/login"), ui.get("/ui/apps"))) {
            String what = r.uri().getPath();
            assertThat(r.headers().firstValue("Content-Security-Policy"))
                    .as(what)
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("script-src 'self'")
                            .contains("frame-ancestors 'none'")
                            .contains("default-src 'self'")
                            .doesNotContain("unsafe-inline"));
            assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options"))
                    .as(what)
                    .hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
            // and the pages keep to it: no inline script, no script or style from elsewhere
            assertThat(r.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=\"/ui/assets/)");
            assertThat(r.body()).doesNotContain("http://").doesNotContain("https://cdn");
        }
        HttpResponse<String> css = new UiSession(server).get("/ui/assets/conops.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(new UiSession(server).get("/ui/assets/conops.js").statusCode())
                .isEqualTo(200);
    }

    @Test
    void noPageShowsASecretNotEvenMasked() {
        String key = SshKeys.openSsh(SshKeys.ed25519());
        String repoToken = "tok-" + "S3cr3tRepoToken0123456789";
        String registryPassword = "reg-" + "S3cr3tRegistryPass0123";
        String webhookSecret = "hook-" + "S3cr3tWebhook0123456789";
        String envValue = "env-" + "S3cr3tServiceEnv0123456";
        server.register(
                APP + "-key",
                "ssh://git@127.0.0.1:1/nothing.git",
                "\"repo_auth_method\":\"deploy_key\",\"deploy_key\":" + SshKeys.json(key) + ",\"webhook_secret\":\""
                        + webhookSecret + "\",\"registry_auth\":[{\"registry\":\"127.0.0.1:1\",\"username\":\"u\","
                        + "\"password\":\"" + registryPassword + "\"}],\"service_envs\":{\"DB_PASSWORD\":\""
                        + envValue + "\"}");
        server.register(
                APP + "-tok",
                "https://127.0.0.1:1/nothing.git",
                "\"repo_auth_method\":\"token\",\"repo_token\":\"" + repoToken + "\"");
        try {
            UiSession ui = loggedIn();
            StringBuilder pages = new StringBuilder();
            for (String path : List.of(
                    "/ui/apps",
                    "/ui/fragments/apps",
                    "/ui/apps/" + APP + "-key",
                    "/ui/apps/" + APP + "-key/edit",
                    "/ui/fragments/apps/" + APP + "-key",
                    "/ui/apps/" + APP + "-tok",
                    "/ui/apps/" + APP + "-tok/edit",
                    "/ui/apps/" + APP + "-tok/delete")) {
                HttpResponse<String> r = ui.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                pages.append(r.body());
            }
            String all = pages.toString();
            assertThat(all).contains(APP + "-key").contains("deploy key stored").contains("token stored");
            assertThat(all).contains("stored: DB_PASSWORD"); // the variable's name, never its value
            String keyBody = key.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
            for (String secret :
                    List.of(repoToken, registryPassword, webhookSecret, envValue, keyBody.substring(0, 40))) {
                assertThat(all).doesNotContain(secret);
            }
            for (String line : key.lines().filter(l -> !l.startsWith("-----")).toList()) {
                assertThat(all).doesNotContain(line);
            }
            assertThat(all).doesNotContain("PRIVATE KEY").doesNotContain("***");
        } finally {
            server.call("DELETE", "/api/v1/apps/" + APP + "-key", null);
            server.call("DELETE", "/api/v1/apps/" + APP + "-tok", null);
        }
    }

    @Test
    void anUnknownAppIsAPageThatSaysSo() {
        HttpResponse<String> r = loggedIn().get("/ui/apps/conops-test-nosuchapp");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(r.body())
                .contains("App not found")
                .contains("conops-test-nosuchapp")
                .contains("href=\"/ui/apps\"");
    }

    private static UiSession loggedIn() {
        UiSession ui = new UiSession(server);
        assertThat(ui.login(TestServer.TOKEN).statusCode()).isEqualTo(302);
        return ui;
    }
}
