package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given a deployed app, compose files that would exhaust Compose are refused before it runs (no
 * {@code docker compose config} is started for them), the previous deployment keeps running, and a
 * diff asked twice for the same commit renders once.
 */
class ComposeLimitsIT {
    @TempDir
    static Path tmp;

    static TestServer server;
    String app;

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
        if (app != null) {
            server.call("DELETE", "/api/v1/apps/" + app + "?remove_volumes=true", null);
            Docker.purge(app);
        }
    }

    /** Compose processes this server started for {@code command}. */
    private static double composeRuns(String command) {
        return server.bean(MeterRegistry.class)
                .counter("conops.compose.runs", "command", command)
                .count();
    }

    /** A registered app, synced to a first good commit; manual syncs only. */
    private TestRepo deployed() {
        app = "conops-test-limits-" + UUID.randomUUID().toString().substring(0, 8);
        TestRepo repo = TestRepo.create(tmp.resolve(app));
        String good = repo.commit("good", Map.of("compose.yaml", HostileCompose.SERVICE));
        server.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"" + app + "\",\"repo_url\":\"" + repo.url() + "\",\"poll_interval\":\"1h\"}");
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        good.equals(server.app(app).get("last_synced_commit").asString())
                                && server.app(app).get("status").asString().equals("synced"));
        return repo;
    }

    private JsonNode syncToError(String sha) {
        assertThat(server.call("POST", "/api/v1/apps/" + app + "/sync", null).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return a.get("status").asString().equals("error")
                            && sha.equals(a.get("last_seen_commit").asString());
                });
        return server.app(app);
    }

    @Test
    void composeFilesPastTheLimitsFailWithoutComposeRunningWhileThePreviousDeploymentStays() {
        TestRepo repo = deployed();
        String container = Docker.containers(app, "s").get(0);
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put(HostileCompose.aliasBomb(9), "compose.yaml expands to more than 100,000 YAML nodes");
        hostile.put(
                HostileCompose.ofSize(5_400_000),
                "compose.yaml is 5,400,0"); // the rest of the size depends on the padding's last line
        hostile.put(HostileCompose.nested(80), "compose.yaml nests more than 50 levels deep; ConOps accepts up to 50");

        hostile.forEach((content, message) -> {
            String sha = repo.commit("hostile", Map.of("compose.yaml", content));
            double configRuns = composeRuns("config");

            JsonNode failed = syncToError(sha);

            assertThat(failed.get("last_error").asString()).startsWith(message);
            JsonNode deployment = server.json("GET", "/api/v1/apps/" + app + "/deployments", null)
                    .get(0);
            assertThat(deployment.get("commit").asString()).isEqualTo(sha);
            assertThat(deployment.get("outcome").asString()).isEqualTo("failed");
            assertThat(deployment.get("message").asString()).startsWith(message);
            HttpResponse<String> diff = server.call("GET", "/api/v1/apps/" + app + "/diff", null);
            assertThat(diff.statusCode()).isEqualTo(422);
            assertThat(TestServer.parse(diff.body()).get("detail").asString()).startsWith(message);
            assertThat(composeRuns("config")).isEqualTo(configRuns);
            assertThat(Docker.containers(app, "s")).containsExactly(container);
            assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", container))
                    .isEqualTo("true");
        });
        assertThat(server.app(app).get("last_synced_commit").asString()).isNotNull();
    }

    @Test
    void aRenderedModelTooLargeToReadFailsWithThatReason() {
        TestRepo repo = deployed();
        String container = Docker.containers(app, "s").get(0);
        // a few bytes of port ranges that Compose prints as 60,000 port entries: over 8 MiB of JSON
        String sha = repo.commit("port ranges", Map.of("compose.yaml", HostileCompose.SERVICE + """
                    ports: ["127.0.0.1:10000-40000:10000-40000"]
                  t:
                    image: local/busybox:1
                    ports: ["127.0.0.1:10000-40000:10000-40000"]
                """));

        JsonNode failed = syncToError(sha);

        assertThat(failed.get("last_error").asString())
                .isEqualTo("docker compose config printed more than 8 MiB for compose.yaml;"
                        + " ConOps reads rendered models up to that size");
        assertThat(Docker.containers(app, "s")).containsExactly(container);
    }

    @Test
    void theDiffIsAnsweredFromTheLastRenderWhileNothingChanged() {
        TestRepo repo = deployed();
        double before = composeRuns("config");

        JsonNode first = server.json("GET", "/api/v1/apps/" + app + "/diff", null);
        JsonNode second = server.json("GET", "/api/v1/apps/" + app + "/diff", null);

        assertThat(composeRuns("config")).isEqualTo(before + 1);
        assertThat(second).isEqualTo(first);
        assertThat(first.get("changes").asBoolean()).isFalse();

        String next = repo.commit(
                "another command", Map.of("compose.yaml", HostileCompose.SERVICE.replace("100000", "200000")));
        JsonNode changed = server.json("GET", "/api/v1/apps/" + app + "/diff", null);

        assertThat(composeRuns("config")).isEqualTo(before + 2);
        assertThat(changed.get("commit").asString()).isEqualTo(next);
        assertThat(changed.get("services").get(0).get("reasons").toString()).contains("definition changed: command");
    }
}
