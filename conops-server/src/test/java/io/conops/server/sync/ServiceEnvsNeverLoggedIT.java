package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * service_envs values, through registration, a successful sync, a rotation by PATCH and a commit
 * Compose refuses while quoting a value back ("Invalid hostPort: ..."), never appear in the
 * server's log (DEBUG included), in a deployment's transcript or message, or in last_error.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceEnvsNeverLoggedIT {
    static final String COMPOSE = """
            services:
              web:
                image: local/busybox:1
                init: true
                command: ["sleep", "100000"]
                network_mode: none
                environment: {SHOWN: "${GREETING}"}
            """;
    /** Compose refuses this commit and quotes the bad port: the value of PORT. */
    static final String QUOTES_A_VALUE = """
            services:
              web:
                image: local/busybox:1
                init: true
                command: ["sleep", "100000"]
                ports: ["127.0.0.1:${PORT}:8080"]
            """;

    @TempDir
    Path tmp;

    @Test
    void valuesNeverReachTheLogTranscriptsOrMessages(CapturedOutput output) {
        String app = "conops-test-envlog-" + UUID.randomUUID().toString().substring(0, 8);
        String greeting = "greet-" + UUID.randomUUID();
        String port = "port-" + UUID.randomUUID();
        String rotated = "rotated-" + UUID.randomUUID();
        List<String> secrets = List.of(greeting, port, rotated);
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("v1", Map.of("compose.yaml", COMPOSE));
        try (TestServer server = TestServer.start(
                tmp.resolve("data"),
                Map.of("logging.level.io.conops", "DEBUG", "logging.level.org.springframework.web", "DEBUG"))) {
            try {
                server.register(
                        app,
                        repo.url(),
                        "\"service_envs\":{\"GREETING\":\"" + greeting + "\",\"PORT\":\"" + port + "\"}");
                awaitOutcomes(server, app, 1, 0);
                assertThat(Docker.run(
                                "inspect",
                                "-f",
                                "{{json .Config.Env}}",
                                Docker.containers(app, "web").get(0)))
                        .contains("SHOWN=" + greeting);

                server.json(
                        "PATCH",
                        "/api/v1/apps/" + app,
                        "{\"service_envs\":{\"GREETING\":\"" + rotated + "\",\"PORT\":\"" + port + "\"}}");
                awaitOutcomes(server, app, 2, 0);

                repo.commit("quotes a value", Map.of("compose.yaml", QUOTES_A_VALUE));
                server.call("POST", "/api/v1/apps/" + app + "/sync", null);
                JsonNode failed = awaitOutcomes(server, app, 2, 1).stream()
                        .filter(d -> d.get("outcome").asString().equals("failed"))
                        .findFirst()
                        .orElseThrow();
                assertThat(failed.get("transcript").asString()).contains("Invalid hostPort: ***");
                String shown = server.call("GET", "/api/v1/apps/" + app, null).body()
                        + server.call("GET", "/api/v1/apps/" + app + "/deployments", null)
                                .body();
                assertThat(output.getAll()).contains("Registered app " + app);
                for (String secret : secrets) {
                    assertThat(shown).as("API answers").doesNotContain(secret);
                    assertThat(output.getAll()).as("the log").doesNotContain(secret);
                }
            } finally {
                server.call("DELETE", "/api/v1/apps/" + app, null);
                Docker.purge(app);
            }
        }
    }

    /** Waits for that many succeeded and failed deployments, and no sync under way; returns the history. */
    private static List<JsonNode> awaitOutcomes(TestServer server, String app, int succeeded, int failed) {
        List<JsonNode> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    seen.clear();
                    server.json("GET", "/api/v1/apps/" + app + "/deployments", null)
                            .forEach(seen::add);
                    long ok = seen.stream()
                            .filter(d -> d.get("outcome").asString().equals("succeeded"))
                            .count();
                    long bad = seen.stream()
                            .filter(d -> d.get("outcome").asString().equals("failed"))
                            .count();
                    String status = server.app(app).get("status").asString();
                    return ok >= succeeded && bad >= failed && (status.equals("synced") || status.equals("error"));
                });
        return seen;
    }
}
