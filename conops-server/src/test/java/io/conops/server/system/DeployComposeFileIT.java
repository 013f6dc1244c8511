package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * deploy/compose.yaml as Compose itself reads it (`docker compose config`): ConOps and PostgreSQL,
 * each with a health check and a restart policy; ConOps with the Docker socket, the data directory
 * bound at the same path on both sides (wherever CONOPS_DATA_DIR puts it) and its port on loopback.
 * (Running it needs a postgres image, which cannot be pulled here; ContainerImageIT runs the image.)
 */
class DeployComposeFileIT {
    static final Path FILE = Path.of("..").toAbsolutePath().normalize().resolve("deploy/compose.yaml");

    @Test
    void conopsAndPostgresWithSocketSamePathDataHealthChecksAndRestartPolicies() throws Exception {
        JsonNode services = config("CONOPS_DATA_DIR=/srv/conops-test-data").get("services");
        JsonNode conops = services.get("conops");
        JsonNode db = services.get("db");

        assertThat(binds(conops))
                .contains(
                        "/var/run/docker.sock -> /var/run/docker.sock",
                        "/srv/conops-test-data -> /srv/conops-test-data");
        assertThat(conops.at("/environment/CONOPS_DATA_DIR").asString()).isEqualTo("/srv/conops-test-data");
        assertThat(conops.at("/environment/DB_TYPE").asString()).isEqualTo("postgres");
        assertThat(conops.at("/depends_on/db/condition").asString()).isEqualTo("service_healthy");
        assertThat(conops.at("/ports/0/host_ip").asString()).isEqualTo("127.0.0.1");
        assertThat(conops.at("/build/args/BASE_IMAGE").asString()).isEqualTo("debian:trixie-slim");
        for (JsonNode service : List.of(conops, db)) {
            assertThat(service.get("restart").asString()).isEqualTo("unless-stopped");
            assertThat(service.at("/healthcheck/test").toString()).isNotEmpty().isNotEqualTo("\"\"");
        }
        assertThat(conops.at("/healthcheck/test/1").asString()).contains("/actuator/health/readiness");
    }

    @Test
    void theDataDirectoryDefaultsToTheSamePathOnBothSides() throws Exception {
        JsonNode conops = config().at("/services/conops");

        assertThat(binds(conops)).contains("/var/lib/conops -> /var/lib/conops");
    }

    private static List<String> binds(JsonNode service) {
        List<String> binds = new ArrayList<>();
        for (JsonNode v : service.get("volumes")) {
            if (v.get("type").asString().equals("bind")) {
                binds.add(v.get("source").asString() + " -> " + v.get("target").asString());
            }
        }
        return binds;
    }

    private static JsonNode config(String... env) throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder("docker", "compose", "-f", FILE.toString(), "config", "--format", "json");
        pb.environment().keySet().removeIf(k -> k.startsWith("CONOPS_") || k.startsWith("POSTGRES_"));
        pb.environment().put("POSTGRES_PASSWORD", "conops-test-password");
        pb.environment().put("DOCKER_GID", "999");
        for (String e : env) {
            String[] kv = e.split("=", 2);
            pb.environment().put(kv[0], kv[1]);
        }
        Process p = pb.redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return TestServer.parse(out);
    }
}
