package io.conops.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.TestServer;
import io.conops.server.support.UiSession;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI shows each role only what it may do, and refuses the rest with a 403 all the same. */
class UiRolesIT {
    static final String APP = "conops-test-uiroles";

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"));
        String body = "{\"name\":\"" + APP + "\",\"repo_url\":\"https://127.0.0.1:1/x.git\",\"poll_interval\":\"1h\"}";
        assertThat(server.call("POST", "/api/v1/apps/", body).statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static UiSession as(String name, String role) {
        String token = server.json("POST", "/api/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}")
                .get("token")
                .asString();
        UiSession ui = new UiSession(server);
        assertThat(ui.login(token).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/ui/apps"));
        return ui;
    }

    @Test
    void aViewerSeesNoButtonsAndIsRefusedEveryAction() {
        UiSession viewer = as("conops-test-uiviewer", "viewer");
        String dashboard = viewer.get("/ui/apps").body();
        assertThat(dashboard).contains(APP).doesNotContain("/ui/apps/new").doesNotContain("/sync\"");
        String page = viewer.get("/ui/apps/" + APP).body();
        assertThat(page)
                .contains(APP)
                .doesNotContain("id=\"sync-now\"")
                .doesNotContain("id=\"edit\"")
                .doesNotContain("id=\"delete\"");
        String csrf = UiSession.csrf(page);

        assertThat(viewer.get("/ui/apps/new").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/ui/apps/" + APP + "/delete").statusCode()).isEqualTo(403);
        for (String action : new String[] {"/delete", "/sync", "/edit", "/rollback", "/unpin"}) {
            HttpResponse<String> r = viewer.post("/ui/apps/" + APP + action, Map.of("_csrf", csrf));
            assertThat(r.statusCode()).as(action).isEqualTo(403);
        }
        HttpResponse<String> register =
                viewer.post("/ui/apps/new", Map.of("_csrf", csrf, "name", "conops-test-uirolesx"));
        assertThat(register.statusCode()).isEqualTo(403);
        assertThat(server.call("GET", "/api/v1/apps/conops-test-uirolesx", null).statusCode())
                .isEqualTo(404);
        assertThat(server.app(APP).get("name").asString()).isEqualTo(APP);
    }

    @Test
    void anOperatorSyncsButNeitherEditsNorDeletes() {
        UiSession operator = as("conops-test-uioperator", "operator");
        String page = operator.get("/ui/apps/" + APP).body();
        assertThat(page)
                .contains("id=\"sync-now\"")
                .doesNotContain("id=\"edit\"")
                .doesNotContain("id=\"delete\"");
        assertThat(operator.get("/ui/apps").body()).doesNotContain("/ui/apps/new");
        String csrf = UiSession.csrf(page);
        assertThat(operator.post("/ui/apps/" + APP + "/sync", Map.of("_csrf", csrf))
                        .statusCode())
                .isEqualTo(302);
        // unpinning (and rolling back) is a sync's kind of action: allowed
        assertThat(operator.post("/ui/apps/" + APP + "/unpin", Map.of("_csrf", csrf))
                        .statusCode())
                .isEqualTo(302);
        assertThat(operator.post("/ui/apps/" + APP + "/delete", Map.of("_csrf", csrf))
                        .statusCode())
                .isEqualTo(403);
        assertThat(server.app(APP).get("name").asString()).isEqualTo(APP);
    }

    @Test
    void anAdminSeesEveryButton() {
        UiSession admin = as("conops-test-uiadmin", "admin");
        assertThat(admin.get("/ui/apps/" + APP).body()).contains("id=\"sync-now\"", "id=\"edit\"", "id=\"delete\"");
        assertThat(admin.get("/ui/apps").body()).contains("/ui/apps/new");
    }
}
