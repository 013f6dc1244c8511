package io.conops.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.RawHttp;
import io.conops.server.support.TestServer;
import io.conops.server.support.UiSession;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer, API or UI, allowed or refused, by a controller or by a filter, carries the
 * security headers; API answers are never cached and forbid any content, the UI's pages keep their
 * own strict CSP.
 */
class SecurityHeadersIT {
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
    void apiAnswersCarryTheHeadersAndAreNeverCached() {
        List<HttpResponse<String>> answers = List.of(
                server.call("GET", "/api/v1/apps/", null),
                server.call("GET", "/api/v1/apps/missing", null),
                server.call("GET", "/api/v1/apps/", null, null),
                server.call("GET", "/api/v1/apps/", null, "wrong-token-0123456789"),
                server.call("POST", "/api/v1/apps/", "{not json"),
                server.call("GET", "/actuator/health", null, null),
                server.call("GET", "/no/such/path", null));
        for (HttpResponse<String> r : answers) {
            assertApiHeaders(r.headers(), r.request().method() + " " + r.uri() + " -> " + r.statusCode());
        }
    }

    @Test
    void answersWrittenBeforeTheSecurityChainsCarryThemToo() {
        RawHttp.Response firewall = RawHttp.send(server.port, "GET", "/api/v1/apps/a;b", TestServer.TOKEN, null);
        assertThat(firewall.status()).isEqualTo(400);
        assertThat(firewall.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(firewall.header("X-Frame-Options")).hasValue("DENY");
        assertThat(firewall.header("Cache-Control")).hasValue("no-store");
        assertThat(firewall.header("Content-Security-Policy")).hasValue(SecurityHeadersFilter.API_CSP);

        RawHttp.Response tooLarge =
                RawHttp.send(server.port, "POST", "/api/v1/apps/", TestServer.TOKEN, "x".repeat(300 * 1024));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(tooLarge.header("Cache-Control")).hasValue("no-store");
    }

    @Test
    void uiPagesCarryTheHeadersAndTheirStrictCsp() {
        UiSession ui = new UiSession(server);
        HttpResponse<String> login = ui.get("/ui/login");
        assertUiHeaders(login);
        assertUiHeaders(ui.get("/ui/apps")); // redirect to the login
        ui.login(TestServer.TOKEN);
        HttpResponse<String> apps = ui.get("/ui/apps");
        assertThat(apps.statusCode()).isEqualTo(200);
        assertUiHeaders(apps);
        assertThat(apps.headers().allValues("Content-Security-Policy")).hasSize(1);
        assertThat(apps.headers().allValues("Cache-Control"))
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v).contains("no-store"));
    }

    private static void assertUiHeaders(HttpResponse<String> r) {
        HttpHeaders h = r.headers();
        String what = r.uri() + " -> " + r.statusCode();
        assertThat(h.allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
        assertThat(h.allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(h.allValues("Referrer-Policy")).as(what).containsExactly("same-origin");
        assertThat(h.allValues("Content-Security-Policy")).as(what).containsExactly(UiSecurityConfig.CSP);
        assertThat(UiSecurityConfig.CSP)
                .contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    private static void assertApiHeaders(HttpHeaders h, String what) {
        assertThat(h.allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
        assertThat(h.allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(h.allValues("Referrer-Policy")).as(what).containsExactly("no-referrer");
        assertThat(h.allValues("Content-Security-Policy")).as(what).containsExactly(SecurityHeadersFilter.API_CSP);
        assertThat(h.allValues("Cache-Control")).as(what).containsExactly("no-store");
    }
}
