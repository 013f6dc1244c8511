package io.conops.server.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given an app whose web service mounts one file of the repository, when a commit changes only that
 * file, then the diff names the file before anything changes, and the sync recreates that service
 * alone: it serves the new file while its sibling keeps its container.
 */
class HashingIT {
    static final String APP = "conops-test-hashing";

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(tmp.resolve("data"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void cleanUp() {
        server.call("DELETE", "/api/v1/apps/" + APP + "?remove_volumes=true", null);
        Docker.purge(APP);
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
                      - ./site/index.html:/www/index.html:ro
                  sidecar:
                    image: local/busybox:1
                    init: true
                    command: ["sleep", "100000"]
                """.formatted(port);
    }

    private static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode n : array) {
            out.put(n.get("name").asString(), n);
        }
        return out;
    }

    private static void awaitServing(int port, String body) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> body.equals(Docker.fetch("http://127.0.0.1:" + port + "/")));
    }

    @Test
    void commitChangingOnlyAMountedFileRecreatesItsServiceAloneAndTheDiffSaysSoFirst() {
        int port = Docker.freePort();
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String v1 = repo.commit("v1", Map.of("compose.yaml", compose(port), "site/index.html", "v1"));
        // polled hourly: nothing but the manual sync below moves it
        HttpResponse<String> created = server.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"" + APP + "\",\"repo_url\":\"" + repo.url() + "\",\"poll_interval\":\"1h\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> v1.equals(server.app(APP).get("last_synced_commit").asString()));
        awaitServing(port, "v1");
        String web1 = Docker.containers(APP, "web").get(0);
        String sidecar1 = Docker.containers(APP, "sidecar").get(0);

        // services: live, in sync, the stamped hash on the container
        Map<String, JsonNode> live = byName(server.json("GET", "/api/v1/apps/" + APP + "/services", null));
        assertThat(live.keySet()).containsExactlyInAnyOrder("web", "sidecar");
        JsonNode web = live.get("web");
        assertThat(web.get("state").asString()).isEqualTo("running");
        assertThat(web.get("health").asString()).isEqualTo("healthy");
        assertThat(web.get("in_sync").asBoolean()).isTrue();
        assertThat(web.get("reason").asString()).isEqualTo("in_sync");
        assertThat(web.get("container_ids").get(0).asString()).isEqualTo(web1);
        assertThat(web.get("image").asString()).isEqualTo("local/busybox:1");
        assertThat(web.get("observed_hashes").get(0).asString())
                .isEqualTo(web.get("desired_hash").asString());
        assertThat(server.call("GET", "/api/v1/apps/" + APP + "/services/", null)
                        .statusCode())
                .isEqualTo(200);

        // history: per-service hash and image id
        JsonNode first =
                server.json("GET", "/api/v1/apps/" + APP + "/deployments", null).get(0);
        Map<String, JsonNode> deployed1 = byName(first.get("services"));
        assertThat(deployed1.get("web").get("hash").asString())
                .isEqualTo(web.get("desired_hash").asString());
        assertThat(deployed1.get("web").get("image").asString()).startsWith("sha256:");

        String v2 = repo.commit("only the page", Map.of("site/index.html", "v2"));

        // diff before the sync: names the file, changes nothing
        JsonNode diff = server.json("GET", "/api/v1/apps/" + APP + "/diff", null);
        assertThat(diff.get("commit").asString()).isEqualTo(v2);
        assertThat(diff.get("deployed_commit").asString()).isEqualTo(v1);
        assertThat(diff.get("changes").asBoolean()).isTrue();
        Map<String, JsonNode> planned = byName(diff.get("services"));
        assertThat(planned.get("web").get("action").asString()).isEqualTo("recreate");
        assertThat(planned.get("web").get("reasons").toString()).contains("file changed: site/index.html");
        assertThat(planned.get("sidecar").get("action").asString()).isEqualTo("none");
        assertThat(planned.get("sidecar").get("reasons")).isEmpty();
        assertThat(server.call("GET", "/api/v1/apps/" + APP + "/diff/", null).statusCode())
                .isEqualTo(200);
        assertThat(Docker.containers(APP, "web")).containsExactly(web1);
        assertThat(Docker.fetch("http://127.0.0.1:" + port + "/")).isEqualTo("v1");
        assertThat(server.app(APP).get("last_synced_commit").asString()).isEqualTo(v1);

        assertThat(server.call("POST", "/api/v1/apps/" + APP + "/sync", null).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(APP);
                    return v2.equals(a.get("last_synced_commit").asString())
                            && a.get("status").asString().equals("synced");
                });
        awaitServing(port, "v2");
        assertThat(Docker.containers(APP, "web")).doesNotContain(web1).hasSize(1);
        assertThat(Docker.containers(APP, "sidecar")).containsExactly(sidecar1);

        Map<String, JsonNode> deployed2 = byName(server.json("GET", "/api/v1/apps/" + APP + "/deployments", null)
                .get(0)
                .get("services"));
        assertThat(deployed2.get("web").get("hash").asString())
                .isNotEqualTo(deployed1.get("web").get("hash").asString());
        assertThat(deployed2.get("sidecar").get("hash").asString())
                .isEqualTo(deployed1.get("sidecar").get("hash").asString());
        JsonNode after = server.json("GET", "/api/v1/apps/" + APP + "/diff", null);
        assertThat(after.get("changes").asBoolean()).isFalse();
    }

    @Test
    void diffOfABrokenCommitAndOfAnUnknownAppAreProblems() {
        TestRepo repo = TestRepo.create(tmp.resolve("broken"));
        repo.commit(
                "v1",
                Map.of(
                        "compose.yaml",
                        "services:\n  s:\n    image: local/busybox:1\n    init: true\n    command: [\"sleep\", \"100000\"]\n"));
        server.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"" + APP + "\",\"repo_url\":\"" + repo.url() + "\",\"poll_interval\":\"1h\"}");
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(APP).get("status").asString().equals("synced"));
        repo.commit("broken", Map.of("compose.yaml", "services:\n  s: [unclosed\n"));

        HttpResponse<String> broken = server.call("GET", "/api/v1/apps/" + APP + "/diff", null);
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(TestServer.parse(broken.body()).get("detail").asString())
                .contains("invalid compose file compose.yaml");
        assertThat(server.app(APP).get("status").asString()).isEqualTo("synced");

        for (String path : List.of("/services", "/diff")) {
            HttpResponse<String> missing = server.call("GET", "/api/v1/apps/conops-test-nope" + path, null);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
    }
}
