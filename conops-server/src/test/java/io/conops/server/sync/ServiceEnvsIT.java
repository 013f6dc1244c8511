package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given an app with service_envs on a real Docker Engine: the values reach every service's
 * environment through the env file and ${} interpolation, a changed value recreates exactly the
 * services that use it, and no value is ever shown or left on disk in clear.
 */
class ServiceEnvsIT {
    @TempDir
    static Path tmp;

    static TestServer server;
    final List<String> projects = new ArrayList<>();

    /** reader gets the env file; interp opts out and interpolates GREETING; bystander uses nothing. */
    static final String COMPOSE = """
            services:
              reader:
                image: local/busybox:1
                init: true
                command: ["sleep", "100000"]
              interp:
                image: local/busybox:1
                init: true
                command: ["sleep", "100000"]
                labels: {conops.service-envs: "false"}
                environment: {MESSAGE: "hello ${GREETING}"}
              bystander:
                image: local/busybox:1
                init: true
                command: ["sleep", "100000"]
                labels: {conops.service-envs: "false"}
            """;

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
        for (String p : projects) {
            server.call("DELETE", "/api/v1/apps/" + p, null);
            Docker.purge(p);
        }
    }

    private String project() {
        String name = "conops-test-envs-" + UUID.randomUUID().toString().substring(0, 8);
        projects.add(name);
        return name;
    }

    @Test
    void valuesReachTheContainersAndAChangeRecreatesOnlyTheServicesThatUseIt() {
        String app = project();
        String greeting = "greeting-" + UUID.randomUUID();
        // every character the env file must quote: $, quotes, a backslash, a newline
        String other = "other $HOME \"q\" back\\slash\nline2 " + UUID.randomUUID();
        TestRepo repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        repo.commit("three services", Map.of("compose.yaml", COMPOSE));
        JsonNode created = server.register(app, repo.url(), "\"service_envs\":" + envs(greeting, other));
        assertThat(created.get("service_env_keys").toString()).isEqualTo("[\"GREETING\",\"OTHER\"]");
        awaitSynced(app, 1);

        assertThat(env(app, "reader")).contains("GREETING=" + greeting, "OTHER=" + other);
        assertThat(env(app, "interp")).contains("MESSAGE=hello " + greeting);
        assertThat(env(app, "interp")).noneMatch(e -> e.startsWith("GREETING=") || e.startsWith("OTHER="));
        assertThat(env(app, "bystander")).noneMatch(e -> e.startsWith("GREETING=") || e.startsWith("OTHER="));
        Map<String, String> first = ids(app);

        // OTHER changes: only reader (the env file) uses it
        String other2 = "other2-" + UUID.randomUUID();
        patch(app, envs(greeting, other2));
        awaitSynced(app, 2);
        Map<String, String> second = ids(app);
        assertThat(env(app, "reader")).contains("OTHER=" + other2);
        assertThat(second.get("reader")).isNotEqualTo(first.get("reader"));
        assertThat(second.get("interp")).isEqualTo(first.get("interp"));
        assertThat(second.get("bystander")).isEqualTo(first.get("bystander"));

        // GREETING changes: reader (env file) and interp (${GREETING}), never bystander
        String greeting2 = "greeting2-" + UUID.randomUUID();
        patch(app, envs(greeting2, other2));
        awaitSynced(app, 3);
        Map<String, String> third = ids(app);
        assertThat(env(app, "interp")).contains("MESSAGE=hello " + greeting2);
        assertThat(third.get("reader")).isNotEqualTo(second.get("reader"));
        assertThat(third.get("interp")).isNotEqualTo(second.get("interp"));
        assertThat(third.get("bystander")).isEqualTo(first.get("bystander"));

        List<String> secrets = List.of(greeting, other, greeting2, other2, "line2 ");
        String shown = server.call("GET", "/api/v1/apps/" + app, null).body()
                + server.call("GET", "/api/v1/apps/", null).body()
                + server.call("GET", "/api/v1/apps/" + app + "/deployments", null)
                        .body()
                + server.call("GET", "/api/v1/apps/" + app + "/services", null).body()
                + server.call("GET", "/api/v1/apps/" + app + "/diff", null).body();
        assertThat(shown).contains("service_env_keys");
        secrets.forEach(s -> assertThat(shown).doesNotContain(s));
        secrets.forEach(s -> assertThat(filesContaining(server.dataDir, s)).isEmpty());
    }

    @Test
    void clearingTheMapTakesTheValuesAway() {
        String app = project();
        String greeting = "greeting-" + UUID.randomUUID();
        TestRepo repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        repo.commit("three services", Map.of("compose.yaml", COMPOSE));
        server.register(app, repo.url(), "\"service_envs\":" + envs(greeting, "x"));
        awaitSynced(app, 1);

        JsonNode cleared = patch(app, "null");
        assertThat(cleared.get("service_env_keys")).isEmpty();
        awaitSynced(app, 2);
        assertThat(env(app, "reader")).noneMatch(e -> e.startsWith("GREETING="));
        assertThat(env(app, "interp")).contains("MESSAGE=hello ");
    }

    @Test
    void badNamesAndValuesAreRefusedNamingTheKey() {
        String app = project();
        String base = "{\"name\":\"" + app + "\",\"repo_url\":\"https://example.invalid/r.git\",\"service_envs\":";
        HttpResponse<String> badName = server.call("POST", "/api/v1/apps/", base + "{\"1BAD\":\"v\"}}");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(badName.body()).contains("1BAD").contains("service_envs");

        String big = "v".repeat(32 * 1024 + 1);
        HttpResponse<String> tooLong = server.call("POST", "/api/v1/apps/", base + "{\"BIG\":\"" + big + "\"}}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("service_envs.BIG").doesNotContain(big);

        HttpResponse<String> reserved = server.call("POST", "/api/v1/apps/", base + "{\"DOCKER_HOST\":\"x\"}}");
        assertThat(reserved.statusCode()).isEqualTo(400);
        assertThat(reserved.body()).contains("service_envs.DOCKER_HOST");

        HttpResponse<String> notString = server.call("POST", "/api/v1/apps/", base + "[\"A\"]}");
        assertThat(notString.statusCode()).isEqualTo(400);
        assertThat(server.call("GET", "/api/v1/apps/" + app, null).statusCode()).isEqualTo(404);
    }

    private static String envs(String greeting, String other) {
        return "{\"GREETING\":" + quote(greeting) + ",\"OTHER\":" + quote(other) + "}";
    }

    private static String quote(String s) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(s);
    }

    private static JsonNode patch(String app, String envs) {
        return server.json("PATCH", "/api/v1/apps/" + app, "{\"service_envs\":" + envs + "}");
    }

    /** Waits until the app has {@code n} finished deployments and is synced. */
    private static void awaitSynced(String app, int n) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonNode history = server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
                    long done = 0;
                    for (JsonNode d : history) {
                        if (d.get("outcome").asString().equals("succeeded")) {
                            done++;
                        }
                    }
                    return done >= n && server.app(app).get("status").asString().equals("synced");
                });
    }

    private static List<String> env(String app, String service) {
        String id = Docker.containers(app, service).get(0);
        JsonNode env = TestServer.parse(Docker.run("inspect", "-f", "{{json .Config.Env}}", id));
        List<String> out = new ArrayList<>();
        env.forEach(e -> out.add(e.asString()));
        return out;
    }

    private static Map<String, String> ids(String app) {
        return Map.of(
                "reader", Docker.containers(app, "reader").get(0),
                "interp", Docker.containers(app, "interp").get(0),
                "bystander", Docker.containers(app, "bystander").get(0));
    }

    private static List<Path> filesContaining(Path dir, String secret) {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        try {
                            return indexOf(Files.readAllBytes(f), needle) >= 0;
                        } catch (IOException e) {
                            return false; // a socket or a file gone meanwhile
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
