package io.conops.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given a homelab-gitops repository for host lab1 with two services, each a Quadlet-style manifest
 * mounting a file from its own folder, ConOps runs them as one Compose project; a commit changing one
 * service's file recreates that service alone, and a service taken out of config.yml is removed.
 */
class HomelabGitopsIT {
    static final String APP = "conops-test-homelab";

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.host-name", "lab1"));
    }

    @AfterAll
    static void stopServer() {
        try {
            server.call("DELETE", "/api/v1/apps/" + APP + "?remove_volumes=true", null);
        } finally {
            server.close();
            Docker.purge(APP);
        }
    }

    static String webManifest(int port) {
        return """
                Container:
                  Image: [local/busybox:1]
                  RunInit: ["true"]
                  Exec: ["httpd -f -p 8080 -h /www"]
                  PublishPort: ["127.0.0.1:%d:8080"]
                  Volume: ["${SERVICE_DIR}/index.html:/www/index.html:ro"]
                  Environment: [GREETING=hello]
                  Label: [homelab.role=web]
                """.formatted(port);
    }

    static final String WORKER = """
            Container:
              Image: [local/busybox:1]
              RunInit: ["true"]
              Exec: ["sleep 100000"]
              Volume: ["${SERVICE_DIR}/worker.conf:/etc/worker.conf:ro"]
            """;

    private static void awaitSynced(String sha) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(APP);
                    return sha.equals(a.get("last_synced_commit").asString())
                            && a.get("status").asString().equals("synced");
                });
    }

    private static void sync(String sha) {
        assertThat(server.call("POST", "/api/v1/apps/" + APP + "/sync", null).statusCode())
                .isEqualTo(202);
        awaitSynced(sha);
    }

    @Test
    void twoManifestsRunAsTwoServicesAndAChangedFileRestartsOnlyItsService() {
        int port = Docker.freePort();
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String v1 = repo.commit(
                "lab1",
                Map.of(
                        "gitops/lab1/config.yml",
                        "pre:\n  script: mkdir -p /var/mnt/volumes/x\nservices:\n  web: {}\n  worker: {}\n",
                        "gitops/lab1/web/manifest.yml",
                        webManifest(port),
                        "gitops/lab1/web/index.html",
                        "homelab v1",
                        "gitops/lab1/worker/manifest.yml",
                        WORKER,
                        "gitops/lab1/worker/worker.conf",
                        "threads=1\n",
                        "gitops/lab2/config.yml",
                        "services:\n  other: {}\n"));
        JsonNode app = server.register(APP, repo.url(), "\"poll_interval\":\"1h\",\"layout\":\"homelab-gitops\"");
        assertThat(app.get("layout").asString()).isEqualTo("homelab-gitops");
        awaitSynced(v1);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "homelab v1".equals(Docker.fetch("http://127.0.0.1:" + port + "/")));
        String web1 = Docker.containers(APP, "web").get(0);
        String worker1 = Docker.containers(APP, "worker").get(0);
        assertThat(Docker.run("inspect", "-f", "{{index .Config.Labels \"homelab.role\"}}", web1))
                .isEqualTo("web");
        assertThat(Docker.run("exec", worker1, "cat", "/etc/worker.conf")).isEqualTo("threads=1");
        JsonNode first =
                server.json("GET", "/api/v1/apps/" + APP + "/deployments", null).get(0);
        assertThat(first.toString()).contains("pre.script not run");

        String v2 = repo.commit("more threads", Map.of("gitops/lab1/worker/worker.conf", "threads=4\n"));
        JsonNode diff = server.json("GET", "/api/v1/apps/" + APP + "/diff", null);
        assertThat(diff.toString()).contains("file changed: worker/worker.conf");
        sync(v2);
        String worker2 = Docker.containers(APP, "worker").get(0);
        assertThat(worker2).isNotEqualTo(worker1);
        assertThat(Docker.run("exec", worker2, "cat", "/etc/worker.conf")).isEqualTo("threads=4");
        assertThat(Docker.containers(APP, "web")).containsExactly(web1);

        String v3 = repo.commit("no worker", Map.of("gitops/lab1/config.yml", "services:\n  web: {}\n"));
        sync(v3);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Docker.containers(APP, "worker").isEmpty());
        assertThat(Docker.containers(APP, "web")).containsExactly(web1);
    }
}
