package io.conops.server.heal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given an app whose service bind-mounts a folder of 20,000 repository files, it syncs (the
 * per-file hashes once overflowed the deployment record), and a commit changing one of those files
 * is named by the diff and recreates the service.
 */
class LargeFolderIT {
    static final String APP = "conops-test-large-folder";
    static final int FILES = 20_000;

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

    @Test
    void folderOfTwentyThousandFilesSyncsAndTheDiffNamesTheOneFileThatChanged() throws IOException {
        int port = Docker.freePort();
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Map<String, String> files = new HashMap<>();
        files.put("compose.yaml", Docker.webCompose(port));
        for (int i = 0; i < FILES; i++) {
            files.put("site/page-%05d.html".formatted(i), "page " + i);
        }
        String v1 = repo.commit("a large site", files);
        server.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"" + APP + "\",\"repo_url\":\"" + repo.url() + "\",\"poll_interval\":\"1h\"}");
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !server.app(APP).get("status").asString().matches("registered|pending|syncing"));
        JsonNode synced = server.app(APP);
        assertThat(synced.get("last_error").isNull())
                .as("last_error: %s", synced.get("last_error"))
                .isTrue();
        assertThat(synced.get("status").asString()).isEqualTo("synced");
        assertThat(synced.get("last_synced_commit").asString()).isEqualTo(v1);
        JsonNode first =
                server.json("GET", "/api/v1/apps/" + APP + "/deployments", null).get(0);
        assertThat(first.get("outcome").asString()).isEqualTo("succeeded");
        String page = "http://127.0.0.1:" + port + "/page-12345.html";
        await().atMost(Duration.ofSeconds(60)).until(() -> "page 12345".equals(Docker.fetch(page)));
        String web1 = Docker.containers(APP, "web").get(0);

        String v2 = repo.commit("one page changes", Map.of("site/page-12345.html", "page 12345, revised"));

        JsonNode diff = server.json("GET", "/api/v1/apps/" + APP + "/diff", null);
        assertThat(diff.get("commit").asString()).isEqualTo(v2);
        JsonNode web = diff.get("services").get(0);
        assertThat(web.get("action").asString()).isEqualTo("recreate");
        assertThat(web.get("reasons").toString())
                .contains("file changed: site/page-12345.html")
                .doesNotContain("page-12344");

        // without the per-file record on disk (lost, unreadable) the diff still names the folder
        String id = server.app(APP).get("id").asString();
        Path kept = server.dataDir.resolve("apps").resolve(id).resolve("deployed-files.json.gz");
        assertThat(kept).isRegularFile();
        Files.delete(kept);
        JsonNode coarse = server.json("GET", "/api/v1/apps/" + APP + "/diff", null)
                .get("services")
                .get(0);
        assertThat(coarse.get("action").asString()).isEqualTo("recreate");
        assertThat(coarse.get("reasons").toString()).contains("files changed under site");

        server.call("POST", "/api/v1/apps/" + APP + "/sync", null);
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(APP);
                    return v2.equals(a.get("last_synced_commit").asString())
                            && a.get("status").asString().equals("synced");
                });
        await().atMost(Duration.ofSeconds(60)).until(() -> "page 12345, revised".equals(Docker.fetch(page)));
        assertThat(Docker.containers(APP, "web")).doesNotContain(web1).hasSize(1);
        assertThat(kept).isRegularFile();
        assertThat(server.json("GET", "/api/v1/apps/" + APP + "/diff", null)
                        .get("changes")
                        .asBoolean())
                .isFalse();
    }
}
