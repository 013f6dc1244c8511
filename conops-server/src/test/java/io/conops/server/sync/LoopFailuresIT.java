package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Failures that are not ConOps' own (JGit's unchecked ones, settings that changed under an app)
 * end as the app's error, are logged once per change, and leave no app stuck in pending.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoopFailuresIT {
    @TempDir
    Path tmp;

    TestServer server;
    HttpServer http;
    String project;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
        if (http != null) {
            http.stop(0);
        }
        if (project != null) {
            Docker.purge(project);
        }
    }

    @Test
    void dumbHttpServerEndsAsTheAppsErrorLoggedOnce(CapturedOutput output) throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("first", Map.of("compose.yaml", "services: {}\n"));
        AtomicInteger requests = new AtomicInteger();
        http = dumbHttp(repo.bare(), requests);
        server = TestServer.start(tmp.resolve("data"));

        server.register("dumb", "http://127.0.0.1:" + http.getAddress().getPort() + "/repo.git", null);

        JsonNode app = awaitStatus("dumb", "error");
        assertThat(app.get("last_error").asString())
                .contains("dumb")
                .contains("smart HTTP")
                .contains("127.0.0.1:" + http.getAddress().getPort());
        JsonNode history = server.json("GET", "/api/v1/apps/dumb/deployments", null);
        assertThat(history.get(0).get("outcome").asString()).isEqualTo("failed");
        assertThat(history.get(0).get("message").asString()).contains("dumb");

        // the watcher keeps polling every second; each poll fails the same way
        int seen = requests.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.get() >= seen + 4);
        assertThat(server.app("dumb").get("status").asString()).isEqualTo("error");
        assertThat(count(output.getAll(), "offers only Git's \"dumb\" HTTP protocol"))
                .as("logged once per change, not once per poll")
                .isBetween(1, 2);
        assertThat(output.getAll()).doesNotContain("NullPointerException").doesNotContain("\tat org.eclipse.jgit");
    }

    @Test
    void portOutOfRangeIsRefusedAtRegistration() {
        server = TestServer.start(tmp.resolve("data"));
        HttpResponse<String> r = server.call(
                "POST", "/api/v1/apps/", "{\"name\":\"badport\",\"repo_url\":\"https://127.0.0.1:99999/x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.parse(r.body()).get("field").asString()).isEqualTo("repo_url");
        assertThat(TestServer.parse(r.body()).get("detail").asString()).contains("99999");
        assertThat(server.json("GET", "/api/v1/apps", null)).isEmpty();
    }

    @Test
    void fileRepositoryAppsStopWithAClearErrorOnceFileReposAreDisallowed(CapturedOutput output) {
        project = "conops-test-" + UUID.randomUUID().toString().substring(0, 8);
        int port = Docker.freePort();
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String first = repo.commit("v1", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "v1"));
        server = TestServer.start(tmp.resolve("data"));
        server.register(project, repo.url(), null);
        awaitStatus(project, "synced");
        String container = Docker.containers(project, "web").get(0);
        server.close();

        server = TestServer.start(tmp.resolve("data"), Map.of("conops.allow-file-repos", "false"));
        JsonNode app = awaitStatus(project, "error");
        assertThat(app.get("last_error").asString()).contains("CONOPS_ALLOW_FILE_REPOS");
        repo.commit("v2", Map.of("compose.yaml", Docker.webCompose(port), "site/index.html", "v2"));

        // the app no longer follows its repository, and what it deployed keeps running untouched
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(10))
                .until(() -> first.equals(
                        server.app(project).get("last_synced_commit").asString()));
        assertThat(server.app(project).get("status").asString()).isEqualTo("error");
        assertThat(Docker.containers(project, "web")).containsExactly(container);
        assertThat(Docker.fetch("http://127.0.0.1:" + port + "/")).isEqualTo("v1");
        assertThat(count(output.getAll(), "file:// repositories are disabled")).isBetween(1, 3);

        // it can still be deleted, which takes its containers down
        assertThat(server.call("DELETE", "/api/v1/apps/" + project, null).statusCode())
                .isEqualTo(204);
        assertThat(Docker.allContainers(project)).isEmpty();
    }

    private JsonNode awaitStatus(String app, String status) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(app).get("status").asString().equals(status));
        return server.app(app);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** A "dumb" HTTP Git server: the bare repository's files as they are, after update-server-info. */
    private static HttpServer dumbHttp(Path bare, AtomicInteger requests) throws Exception {
        Process p = new ProcessBuilder("git", "update-server-info")
                .directory(bare.toFile())
                .inheritIO()
                .start();
        assertThat(p.waitFor()).isZero();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/repo.git/", exchange -> {
            requests.incrementAndGet();
            String rel = exchange.getRequestURI().getPath().substring("/repo.git/".length());
            Path file = bare.resolve(rel).normalize();
            try {
                if (!file.startsWith(bare) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }
}
