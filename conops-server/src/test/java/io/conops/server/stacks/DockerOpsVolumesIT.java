package io.conops.server.stacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a DockerOps repository with volumes.yaml and nfs.yaml, a stack's binding is served from the
 * copy under the NFS path (contents replaced on every change, 755/644), a volume entry is an
 * ordinary named volume, and the NFS path must be one CONOPS_ALLOWED_HOST_PATHS allows.
 */
class DockerOpsVolumesIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SET = "conops-test-dov";
    private static final String WEB = SET + "-web";
    private static final String VOLUME = "conops-test-dov-data";

    @TempDir
    Path tmp;

    @Test
    void bindingIsCopiedUnderTheNfsPathAndFollowsItsFiles() throws Exception {
        Path nfs = tmp.resolve("nfs");
        Files.createDirectories(nfs);
        int port = Docker.freePort();
        Map<String, String> files = new HashMap<>();
        files.put("stacks.yaml", "- name: web\n");
        files.put("volumes.yaml", """
                - id: "site_files"
                  type: "binding"
                  path: "site"
                - id: "data"
                  type: "volume"
                  path: "%s"
                """.formatted(VOLUME));
        files.put("nfs.yaml", "path: \"" + nfs + "\"\n");
        files.put("site/index.html", "v1\n");
        files.put("site/old.html", "old\n");
        files.put("web/docker-compose.yml", """
                services:
                  app:
                    image: local/busybox:1
                    init: true
                    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
                    ports: ["127.0.0.1:%d:8080"]
                    volumes:
                      - "site_files:/www:ro"
                      - "data:/data"
                """.formatted(port));
        try (TestServer server =
                        TestServer.start(tmp.resolve("data"), Map.of("conops.allowed-host-paths", nfs.toString()));
                TestRepo repo = TestRepo.create(tmp.resolve("repo"))) {
            repo.commit("web with a binding", files);
            server.register(SET, repo.url(), "\"stacks_file\":\"stacks.yaml\"");
            await().atMost(WAIT)
                    .ignoreExceptions()
                    .until(() -> Docker.fetch("http://127.0.0.1:" + port + "/index.html")
                            .equals("v1\n"));
            Path copy = nfs.resolve("site");
            assertThat(Files.getPosixFilePermissions(copy)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
            assertThat(Files.getPosixFilePermissions(copy.resolve("index.html")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
            assertThat(Docker.volumeExists(VOLUME)).isTrue();
            List<String> before = Docker.containers(WEB, "app");

            // a changed file in the binding: contents replaced, the service recreated
            Map<String, String> change = new HashMap<>();
            change.put("site/index.html", "v2\n");
            change.put("site/old.html", null);
            repo.commit("new page", change);
            await().atMost(WAIT)
                    .ignoreExceptions()
                    .until(() -> Docker.fetch("http://127.0.0.1:" + port + "/index.html")
                            .equals("v2\n"));
            assertThat(copy.resolve("old.html")).doesNotExist();
            await().atMost(WAIT).until(() -> !Docker.containers(WEB, "app").equals(before));

            // an NFS path this installation does not allow stops at validation; the stack keeps running
            repo.commit("elsewhere", Map.of("nfs.yaml", "path: \"/srv/conops-test-dov-elsewhere\"\n"));
            await().atMost(WAIT)
                    .until(() -> server.app(WEB).get("status").asString().equals("error"));
            assertThat(server.app(WEB).get("last_error").asString()).contains("CONOPS_ALLOWED_HOST_PATHS");
            assertThat(Path.of("/srv/conops-test-dov-elsewhere")).doesNotExist();
            assertThat(Docker.fetch("http://127.0.0.1:" + port + "/index.html")).isEqualTo("v2\n");
            server.call("DELETE", "/api/v1/apps/" + SET, null);
        } finally {
            Docker.purge(WEB);
            Docker.purge(SET);
            if (Docker.volumeExists(VOLUME)) {
                Docker.run("volume", "rm", "-f", VOLUME);
            }
        }
    }
}
