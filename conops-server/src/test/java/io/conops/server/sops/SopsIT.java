package io.conops.server.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * SOPS files on the real engine, with fixtures made by Debian's age: a service gets its variables
 * from a SOPS dotenv file and its files from SOPS YAML and JSON (a bind mount, a Compose secret),
 * the app's own write-only age_key opening them; the plaintext reaches the containers and nothing
 * else; a rotated secret recreates only its service; a tampered file and a file for another
 * identity fail the sync naming the file while the old containers keep running.
 */
@ExtendWith(OutputCaptureExtension.class)
class SopsIT {
    static final String SLEEPER = """
                image: local/busybox:1
                init: true
                command: ["sleep", "100000"]
                network_mode: none
            """;
    static final String COMPOSE = "services:\n"
            + "  web:\n" + SLEEPER
            + "    env_file: [web.sops.env]\n"
            + "  worker:\n" + SLEEPER
            + "    env_file: [worker.sops.env]\n"
            + "    volumes: [\"./config.sops.yaml:/etc/app/config.yaml:ro\"]\n"
            + "    secrets: [db]\n"
            + "  plain:\n" + SLEEPER
            + "secrets:\n"
            + "  db:\n"
            + "    file: ./db.sops.json\n";
    static final List<String> ENV_SECRETS = List.of("web-token-v1-9c41", "web-token-v2-5d77", "worker-token-2b18");

    @TempDir
    static Path tmp;

    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(tmp.resolve("data"), Map.of("logging.level.io.conops", "DEBUG"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void servicesGetTheDecryptedValuesAndARotatedSecretRecreatesOnlyItsService(CapturedOutput output) {
        String app = "conops-test-sops-" + UUID.randomUUID().toString().substring(0, 8);
        TestRepo repo = TestRepo.create(tmp.resolve(app));
        repo.commit(
                "v1",
                Map.of(
                        "compose.yaml", COMPOSE,
                        "web.sops.env", SopsFixtures.text("web-v1.sops.env"),
                        "worker.sops.env", SopsFixtures.text("worker.sops.env"),
                        "config.sops.yaml", SopsFixtures.text("config.sops.yaml"),
                        "db.sops.json", SopsFixtures.text("config.sops.json")));
        try {
            JsonNode registered = server.register(app, repo.url(), ageKey());
            assertThat(registered.get("has_age_key").asBoolean()).isTrue();
            awaitOutcomes(app, 1, 0);

            String web = only(app, "web");
            String worker = only(app, "worker");
            String plain = only(app, "plain");
            assertThat(env(web)).contains("SECRET_TOKEN=web-token-v1-9c41").doesNotContain("sops_");
            assertThat(env(worker)).contains("WORKER_TOKEN=worker-token-2b18").doesNotContain("sops_");
            assertThat(Docker.run("exec", worker, "cat", "/etc/app/config.yaml"))
                    .contains("password: yaml-secret-42")
                    .doesNotContain("ENC[");
            assertThat(Docker.run("exec", worker, "cat", "/run/secrets/db"))
                    .contains("yaml-secret-42")
                    .doesNotContain("ENC[");

            repo.commit("rotate the web token", Map.of("web.sops.env", SopsFixtures.text("web-v2.sops.env")));
            server.call("POST", "/api/v1/apps/" + app + "/sync", null);
            awaitOutcomes(app, 2, 0);

            assertThat(only(app, "web")).isNotEqualTo(web);
            assertThat(env(only(app, "web"))).contains("SECRET_TOKEN=web-token-v2-5d77");
            assertThat(only(app, "worker")).as("worker uses other files").isEqualTo(worker);
            assertThat(only(app, "plain")).isEqualTo(plain);

            JsonNode diff = server.json("GET", "/api/v1/apps/" + app + "/diff", null);
            assertThat(diff.get("changes").asBoolean())
                    .as("the diff hashes as the sync did: " + diff)
                    .isFalse();

            // the heal starts a killed container again: the decrypted file it mounts is still there
            Docker.run("kill", worker);
            awaitOutcomes(app, 3, 0);
            assertThat(only(app, "worker")).isEqualTo(worker);
            assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", worker))
                    .isEqualTo("true");
            assertThat(Docker.run("exec", worker, "cat", "/etc/app/config.yaml"))
                    .contains("yaml-secret-42");

            String shown = server.call("GET", "/api/v1/apps/" + app, null).body()
                    + server.call("GET", "/api/v1/apps/" + app + "/deployments", null)
                            .body()
                    + server.call("GET", "/api/v1/apps/" + app + "/services", null)
                            .body()
                    + diff;
            assertThat(shown).doesNotContain("AGE-SECRET-KEY").doesNotContain("yaml-secret-42");
            for (String secret : ENV_SECRETS) {
                assertThat(shown).as("API answers and transcripts").doesNotContain(secret);
                assertThat(output.getAll()).as("the log").doesNotContain(secret);
                assertThat(filesHolding(tmp.resolve("data"), secret))
                        .as("the data directory")
                        .isEmpty();
            }
        } finally {
            server.call("DELETE", "/api/v1/apps/" + app, null);
            Docker.purge(app);
        }
    }

    @Test
    void aTamperedFileOrOneForAnotherIdentityFailsNamingItAndKeepsTheOldContainers() {
        String app = "conops-test-sopsbad-" + UUID.randomUUID().toString().substring(0, 8);
        String compose = "services:\n  web:\n" + SLEEPER + "    env_file: [secrets/web.sops.env]\n";
        TestRepo repo = TestRepo.create(tmp.resolve(app));
        repo.commit(
                "v1", Map.of("compose.yaml", compose, "secrets/web.sops.env", SopsFixtures.text("web-v1.sops.env")));
        try {
            server.register(app, repo.url(), ageKey());
            awaitOutcomes(app, 1, 0);
            String web = only(app, "web");

            // a value added in clear after encryption: the MAC no longer matches
            String tampered = SopsFixtures.text("web-v1.sops.env") + "EXTRA_unencrypted=added later\n";
            repo.commit("tampered", Map.of("secrets/web.sops.env", tampered));
            server.call("POST", "/api/v1/apps/" + app + "/sync", null);
            awaitOutcomes(app, 1, 1);
            assertThat(server.app(app).get("last_error").asString())
                    .contains("secrets/web.sops.env")
                    .contains("MAC mismatch");
            assertThat(TestServer.condition(server.app(app), "InvalidCompose")).isNotNull();
            assertThat(only(app, "web")).isEqualTo(web);
            assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", web)).isEqualTo("true");

            repo.commit("for someone else", Map.of("secrets/web.sops.env", SopsFixtures.text("app-other.sops.env")));
            server.call("POST", "/api/v1/apps/" + app + "/sync", null);
            awaitOutcomes(app, 1, 2);
            assertThat(server.app(app).get("last_error").asString())
                    .contains("secrets/web.sops.env")
                    .contains("none of the age identities ConOps holds matches its recipients");
            assertThat(only(app, "web")).isEqualTo(web);
            assertThat(env(web)).contains("SECRET_TOKEN=web-token-v1-9c41");
        } finally {
            server.call("DELETE", "/api/v1/apps/" + app, null);
            Docker.purge(app);
        }
    }

    @Test
    void aBadAgeKeyIsRefusedNamingTheFieldWithoutQuotingItAndNullClearsIt() {
        String app = "conops-test-sopskey-" + UUID.randomUUID().toString().substring(0, 8);
        TestRepo repo = TestRepo.create(tmp.resolve(app));
        repo.commit("v1", Map.of("compose.yaml", "services:\n  web:\n" + SLEEPER));
        try {
            server.register(app, repo.url(), ageKey());
            var bad =
                    server.call("PATCH", "/api/v1/apps/" + app, "{\"age_key\":\"AGE-SECRET-KEY-1SHOULDNOTBEECHOED\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(bad.body()).contains("age_key").doesNotContain("SHOULDNOTBEECHOED");
            assertThat(server.app(app).get("has_age_key").asBoolean()).isTrue();

            server.json("PATCH", "/api/v1/apps/" + app, "{\"age_key\":null}");
            assertThat(server.app(app).get("has_age_key").asBoolean()).isFalse();
            assertThat(server.app(app).has("age_key")).isFalse();
        } finally {
            server.call("DELETE", "/api/v1/apps/" + app, null);
            Docker.purge(app);
        }
    }

    private static String ageKey() {
        return "\"age_key\":" + quoted(SopsFixtures.identity());
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String only(String app, String service) {
        List<String> ids = Docker.containers(app, service);
        assertThat(ids).as("containers of " + service).hasSize(1);
        return ids.get(0);
    }

    private static String env(String container) {
        return Docker.run("inspect", "-f", "{{json .Config.Env}}", container);
    }

    /** Files under {@code dir} whose bytes hold {@code text}. */
    private static List<Path> filesHolding(Path dir, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> contains(read(f), needle))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            return new byte[0]; // removed while walking
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Waits for that many succeeded and failed deployments and no sync under way; newest first. */
    private static List<JsonNode> awaitOutcomes(String app, int succeeded, int failed) {
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
