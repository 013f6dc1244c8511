package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given a server with an app, the anonymous health probes answer UP or DOWN and nothing else (no
 * components, details, app names, repository URLs or versions); every other actuator endpoint
 * wants the token; with the token, the health shows its components.
 */
class ActuatorExposureIT {
    static final String REPO = "https://git.example.invalid/team/secret-repo.git";

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.allow-file-repos", "false"));
        server.register("conops-test-actuator-app", REPO, null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anonymousProbesSayOnlyUpOrDown() {
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> r = server.call("GET", probe, null, null);
            assertThat(r.statusCode()).as(probe).isEqualTo(200);
            JsonNode body = TestServer.parse(r.body());
            assertThat(body.get("status").asString()).as(probe).isEqualTo("UP");
            assertThat(body.has("components")).as(probe + ": " + r.body()).isFalse();
            assertThat(body.has("details")).as(probe + ": " + r.body()).isFalse();
            assertThat(r.body())
                    .as(probe)
                    .doesNotContain("conops-test-actuator-app", "secret-repo", "example.invalid", "version", "db");
        }
    }

    @Test
    void everyOtherActuatorEndpointWantsTheToken() {
        for (String path : List.of(
                "/actuator",
                "/actuator/metrics",
                "/actuator/metrics/conops.poll.lag",
                "/actuator/info",
                "/actuator/env",
                "/actuator/beans",
                "/actuator/configprops")) {
            HttpResponse<String> r = server.call("GET", path, null, null);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(401);
        }
        // a single component is not shown anonymously: the answer is the same as for no component
        for (String path : List.of("/actuator/health/db", "/actuator/health/docker", "/actuator/health/nothing")) {
            HttpResponse<String> r = server.call("GET", path, null, null);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(404);
            assertThat(r.body()).as(path).doesNotContain("UP", "details");
        }
    }

    @Test
    void withTheTokenHealthShowsItsComponents() {
        JsonNode health = server.json("GET", "/actuator/health", null);
        assertThat(health.get("components").has("db")).isTrue();
        assertThat(health.get("components").has("docker")).isTrue();
    }
}
