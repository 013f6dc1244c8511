package io.conops.server.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.sops.SopsFixtures;
import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Given a homelab-gitops repository whose web service has a manifest.sops.yml (fixtures made with
 * Debian's age, opened by the app's age_key), its Environment values reach the container over the
 * manifest's own; a rotated value recreates web alone; a tampered file fails the sync naming it
 * while the old container keeps running; and the plaintext is in no API answer, transcript, log
 * line or file of the data directory.
 */
@ExtendWith(OutputCaptureExtension.class)
class HomelabSopsIT {
    static final String APP = "conops-test-homelab-sops";
    static final String SOPS_FILE = "gitops/lab1/web/manifest.sops.yml";
    static final List<String> SECRETS = List.of("manifest-token-v1-7e2a", "manifest-token-v2-c390");
    static final String SLEEPER = """
            Container:
              Image: [local/busybox:1]
              RunInit: ["true"]
              Exec: ["sleep 100000"]
              Network: [none]
            """;

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
            server.call("DELETE", "/api/v1/apps/" + APP, null);
        } finally {
            server.close();
            Docker.purge(APP);
        }
    }

    @Test
    void sopsEnvironmentReachesItsServiceOnlyAndARotationRecreatesOnlyIt(CapturedOutput output) {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        String v1 = repo.commit(
                "v1",
                Map.of(
                        "gitops/lab1/config.yml",
                        "services:\n  web: {}\n  worker: {}\n",
                        "gitops/lab1/web/manifest.yml",
                        SLEEPER + "  Environment: [MODE=plain, GREETING=hi]\n",
                        SOPS_FILE,
                        SopsFixtures.text("manifest-v1.sops.yml"),
                        "gitops/lab1/worker/manifest.yml",
                        SLEEPER));
        server.register(
                APP,
                repo.url(),
                "\"poll_interval\":\"1h\",\"layout\":\"homelab-gitops\",\"age_key\":"
                        + quoted(SopsFixtures.identity()));
        awaitSynced(v1);
        String web = only("web");
        String worker = only("worker");
        assertThat(env(web)).contains("SECRET_TOKEN=manifest-token-v1-7e2a", "MODE=from-sops", "GREETING=hi");
        assertThat(env(web)).doesNotContain("MODE=plain");
        assertThat(env(worker)).doesNotContain("SECRET_TOKEN");

        String v2 = repo.commit("rotate", Map.of(SOPS_FILE, SopsFixtures.text("manifest-v2.sops.yml")));
        sync(v2);
        String web2 = only("web");
        assertThat(web2).isNotEqualTo(web);
        assertThat(env(web2)).contains("SECRET_TOKEN=manifest-token-v2-c390");
        assertThat(only("worker")).isEqualTo(worker);
        JsonNode diff = server.json("GET", "/api/v1/apps/" + APP + "/diff", null);
        assertThat(diff.get("changes").asBoolean())
                .as("the diff hashes as the sync did: " + diff)
                .isFalse();

        repo.commit(
                "tampered",
                Map.of(SOPS_FILE, SopsFixtures.withoutSecondEntry(SopsFixtures.text("manifest-v2.sops.yml"))));
        server.call("POST", "/api/v1/apps/" + APP + "/sync", null);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> server.app(APP).get("status").asString().equals("error"));
        assertThat(server.app(APP).get("last_error").asString())
                .contains(SOPS_FILE)
                .contains("MAC mismatch");
        assertThat(TestServer.condition(server.app(APP), "InvalidCompose")).isNotNull();
        assertThat(only("web")).isEqualTo(web2);
        assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", web2)).isEqualTo("true");

        String shown = server.call("GET", "/api/v1/apps/" + APP, null).body()
                + server.call("GET", "/api/v1/apps/" + APP + "/deployments", null)
                        .body()
                + server.call("GET", "/api/v1/apps/" + APP + "/services", null).body()
                + server.call("GET", "/api/v1/apps/" + APP + "/diff", null).body()
                + diff;
        for (String secret : SECRETS) {
            assertThat(shown).as("API answers and transcripts").doesNotContain(secret);
            assertThat(output.getAll()).as("the log").doesNotContain(secret);
            assertThat(filesHolding(tmp.resolve("data"), secret))
                    .as("the data directory")
                    .isEmpty();
        }
    }

    private static void awaitSynced(String sha) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
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

    private static String only(String service) {
        List<String> ids = Docker.containers(APP, service);
        assertThat(ids).as("containers of " + service).hasSize(1);
        return ids.get(0);
    }

    private static String env(String container) {
        return Docker.run("exec", container, "env");
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Files under {@code dir} whose text holds {@code text}. */
    private static List<Path> filesHolding(Path dir, String text) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> read(f).contains(text))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return ""; // removed while walking
        }
    }
}
