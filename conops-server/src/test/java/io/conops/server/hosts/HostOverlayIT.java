package io.conops.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given one repository with a page at its root and one per host under {@code hosts/}, and two ConOps
 * installations named h1 and h2, each serves its own host's page; a commit changing h1's page is
 * explained by h1's diff as an overlaid file, and leaves h2 as it is.
 */
class HostOverlayIT {
    static final String APP1 = "conops-test-overlay-h1";
    static final String APP2 = "conops-test-overlay-h2";

    @TempDir
    static Path tmp;

    static TestServer h1;
    static TestServer h2;

    @BeforeAll
    static void startServers() {
        h1 = TestServer.start(tmp.resolve("data1"), Map.of("conops.host-name", "h1"));
        h2 = TestServer.start(tmp.resolve("data2"), Map.of("conops.host-name", "h2"));
    }

    @AfterAll
    static void stopServers() {
        try {
            h1.call("DELETE", "/api/v1/apps/" + APP1 + "?remove_volumes=true", null);
            h2.call("DELETE", "/api/v1/apps/" + APP2 + "?remove_volumes=true", null);
        } finally {
            h1.close();
            h2.close();
            Docker.purge(APP1);
            Docker.purge(APP2);
        }
    }

    static String compose(int port) {
        return """
                services:
                  web:
                    image: local/busybox:1
                    init: true
                    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
                    ports: ["127.0.0.1:%d:8080"]
                    volumes:
                      - ./site:/www:ro
                """.formatted(port);
    }

    private static void awaitServing(int port, String body) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> body.equals(Docker.fetch("http://127.0.0.1:" + port + "/")));
    }

    private static void awaitSynced(TestServer server, String app, String sha) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return sha.equals(a.get("last_synced_commit").asString())
                            && a.get("status").asString().equals("synced");
                });
    }

    private static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode n : array) {
            out.put(n.get("name").asString(), n);
        }
        return out;
    }

    @Test
    void eachInstallationServesItsOwnHostsPageAndTheDiffNamesTheOverlay() {
        assertThat(h1.json("GET", "/api/v1/info", null).get("host_name").asString())
                .isEqualTo("h1");
        assertThat(h2.json("GET", "/api/v1/info", null).get("host_name").asString())
                .isEqualTo("h2");

        int port1 = Docker.freePort();
        int port2 = Docker.freePort();
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Map<String, String> files = new HashMap<>();
        files.put("compose.yaml", compose(port1));
        files.put("site/index.html", "root page");
        files.put("hosts/h1/site/index.html", "h1 page");
        files.put("hosts/h1/site/h1-only.html", "only on h1");
        // h2 replaces the compose file itself: its own port on this one machine
        files.put("hosts/h2/compose.yaml", compose(port2));
        files.put("hosts/h2/site/index.html", "h2 page");
        String v1 = repo.commit("two hosts", files);

        JsonNode app1 = h1.register(APP1, repo.url(), "\"poll_interval\":\"1h\"");
        JsonNode app2 = h2.register(APP2, repo.url(), "\"poll_interval\":\"1h\"");
        assertThat(app1.get("overlay_dir").asString()).isEqualTo("hosts");
        assertThat(app2.get("layout").asString()).isEqualTo("compose");
        awaitSynced(h1, APP1, v1);
        awaitSynced(h2, APP2, v1);
        awaitServing(port1, "h1 page");
        awaitServing(port2, "h2 page");
        assertThat(Docker.fetch("http://127.0.0.1:" + port1 + "/h1-only.html")).isEqualTo("only on h1");
        assertThat(Docker.fetch("http://127.0.0.1:" + port2 + "/h1-only.html")).isNull();
        String web2 = Docker.containers(APP2, "web").get(0);

        String v2 = repo.commit("h1's page", Map.of("hosts/h1/site/index.html", "h1 page, second edition"));
        JsonNode diff = h1.json("GET", "/api/v1/apps/" + APP1 + "/diff", null);
        assertThat(diff.get("commit").asString()).isEqualTo(v2);
        JsonNode web = byName(diff.get("services")).get("web");
        assertThat(web.get("action").asString()).isEqualTo("recreate");
        assertThat(web.get("reasons").toString()).contains("file changed: site/index.html (hosts/h1)");
        JsonNode other = byName(
                        h2.json("GET", "/api/v1/apps/" + APP2 + "/diff", null).get("services"))
                .get("web");
        assertThat(other.get("action").asString()).isEqualTo("none");

        assertThat(h1.call("POST", "/api/v1/apps/" + APP1 + "/sync", null).statusCode())
                .isEqualTo(202);
        assertThat(h2.call("POST", "/api/v1/apps/" + APP2 + "/sync", null).statusCode())
                .isEqualTo(202);
        awaitSynced(h1, APP1, v2);
        awaitSynced(h2, APP2, v2);
        awaitServing(port1, "h1 page, second edition");
        assertThat(Docker.fetch("http://127.0.0.1:" + port2 + "/")).isEqualTo("h2 page");
        assertThat(Docker.containers(APP2, "web")).containsExactly(web2);

        // overlay_dir "" turns the overlay off: the root's page again, restored in the stable worktree
        HttpResponse<String> off = h1.call("PATCH", "/api/v1/apps/" + APP1, "{\"overlay_dir\":\"\"}");
        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(TestServer.parse(off.body()).get("overlay_dir").asString()).isEmpty();
        awaitServing(port1, "root page");
        // a file only the overlay added does not live on in the worktree the container mounts
        assertThat(Docker.fetch("http://127.0.0.1:" + port1 + "/h1-only.html")).isNull();
    }

    @Test
    void overlayDirLayoutAndPreScriptsAreCheckedAndNamed() {
        String url = "file:///nowhere.git";
        HttpResponse<String> escape = h1.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"conops-test-overlay-bad\",\"repo_url\":\"" + url + "\",\"overlay_dir\":\"../etc\"}");
        assertThat(escape.statusCode()).isEqualTo(400);
        assertThat(escape.body()).contains("overlay_dir");
        assertThat(escape.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        HttpResponse<String> layout = h1.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"conops-test-overlay-bad\",\"repo_url\":\"" + url + "\",\"layout\":\"helm\"}");
        assertThat(layout.statusCode()).isEqualTo(400);
        assertThat(layout.body()).contains("layout").contains("compose, homelab-gitops");
        HttpResponse<String> scripts = h1.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"conops-test-overlay-bad\",\"repo_url\":\"" + url + "\",\"allow_pre_scripts\":true}");
        assertThat(scripts.statusCode()).isEqualTo(400);
        assertThat(scripts.body()).contains("allow_pre_scripts").contains("not supported yet");
        assertThat(h1.call("GET", "/api/v1/apps/conops-test-overlay-bad", null).statusCode())
                .isEqualTo(404);
    }
}
