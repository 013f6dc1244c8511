package io.conops.server.swarm;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given one swarm app with {@code service_envs} and {@code replicas: 2} on a real single-node swarm,
 * and a periodic compare too rare to explain anything here (10 min), then: the variables reach its
 * services by Compose's rules and no file holds their values; its logs and diff come from the
 * stack's services; a service scaled down or removed by hand is healed from the Swarm's service
 * events, recorded as drift.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmOpsIT {
    /** The same mark as SwarmStackIT's: a swarm a killed run of either left is recognised and left. */
    private static final String MARK = "conops-test-swarm";
    /** Shell and Compose syntax in a value must arrive as written. */
    private static final String GREETING = "p@ss $word \"q\" " + UUID.randomUUID();

    @TempDir
    static Path tmp;

    static TestServer server;
    static boolean createdSwarm;
    static String app;

    @BeforeAll
    static void start() {
        if (inSwarm()) {
            String node = Docker.run("info", "-f", "{{.Swarm.NodeID}}");
            assertThat(Docker.run("node", "inspect", node, "-f", "{{json .Spec.Labels}}"))
                    .as("the Engine is in a swarm this test did not make; leave it to run this test")
                    .contains(MARK);
            Docker.run("swarm", "leave", "--force");
        }
        Docker.run("swarm", "init", "--advertise-addr", "127.0.0.1");
        createdSwarm = true;
        Docker.run("node", "update", "--label-add", MARK + "=1", Docker.run("info", "-f", "{{.Swarm.NodeID}}"));
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.reconcile-interval", "10m"));
        app = "conops-test-swops-" + UUID.randomUUID().toString().substring(0, 8);
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("deploy", Map.of("compose.yaml", """
                services:
                  web:
                    image: local/busybox:1
                    init: true
                    command: ["sh", "-c", "echo greeting=$$GREETING.; echo other=$$OTHER.; exec sleep 100000"]
                    environment:
                      OTHER: own-value
                    deploy:
                      replicas: 2
                  side:
                    image: local/busybox:1
                    init: true
                    command: ["sh", "-c", "echo side=$${GREETING:-none}.; exec sleep 100000"]
                    labels:
                      conops.service-envs: "false"
                """));
        server.register(
                app,
                repo.url(),
                "\"target\":\"swarm\",\"service_envs\":{\"GREETING\":\"" + GREETING.replace("\"", "\\\"")
                        + "\",\"OTHER\":\"from-conops\"}");
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> server.app(app).get("status").asString().equals("synced"));
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.call("DELETE", "/api/v1/apps/" + app, null);
                server.close();
            }
            if (createdSwarm
                    && Docker.run("stack", "ls", "--format", "{{.Name}}")
                            .lines()
                            .anyMatch(app::equals)) {
                Docker.run("stack", "rm", "--detach=false", app);
            }
        } finally {
            if (createdSwarm) {
                Docker.run("swarm", "leave", "--force");
                try {
                    Docker.run("network", "rm", "docker_gwbridge");
                } catch (RuntimeException e) {
                    System.err.println("docker_gwbridge was not removed: " + e.getMessage());
                }
            }
        }
    }

    private static boolean inSwarm() {
        return Docker.run("info", "-f", "{{.Swarm.LocalNodeState}}").equals("active");
    }

    private static String logs(String query) {
        HttpResponse<String> r = server.call("GET", "/api/v1/apps/" + app + "/logs?" + query, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static JsonNode history() {
        return server.json("GET", "/api/v1/apps/" + app + "/deployments", null);
    }

    private static JsonNode diffOf(JsonNode diff, String service) {
        for (JsonNode s : diff.get("services")) {
            if (s.get("name").asString().equals(service)) {
                return s;
            }
        }
        throw new AssertionError("no " + service + " in " + diff);
    }

    private static String replicas(String service) {
        return Docker.run("service", "ls", "--filter", "name=" + app + "_" + service, "--format", "{{.Replicas}}");
    }

    /** Awaits a heal recorded after the {@code before} records, and returns the history then. */
    private static JsonNode awaitHeal(int before) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    JsonNode h = history();
                    return h.size() > before
                            && h.get(0).get("trigger").asString().equals("drift")
                            && h.get(0).get("outcome").asString().equals("succeeded");
                });
        return history();
    }

    @Test
    @Order(1)
    void serviceEnvsReachEveryServiceAsInComposeAndNoFileHoldsTheirValues() throws IOException {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> logs("tail=50").contains("side | side="));

        String all = logs("tail=50");
        assertThat(all).contains("web | greeting=" + GREETING + ".");
        // the service's own environment wins over a service_envs value of the same name
        assertThat(all).contains("web | other=own-value.").doesNotContain("from-conops");
        // labelled out: it receives none
        assertThat(all).contains("side | side=none.");
        assertThat(all.lines().filter(l -> !l.isEmpty()))
                .allMatch(l -> l.startsWith("web | ") || l.startsWith("side | "));
        assertThat(logs("service=side&tail=5").lines().filter(l -> !l.isEmpty()))
                .isNotEmpty()
                .allMatch(l -> l.startsWith("side | "));

        // the override names the variables; the value is only in the Swarm's service spec, as a
        // Compose app's is only in its container's
        List<Path> withValue = new ArrayList<>();
        List<Path> overrides = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tmp.resolve("data"))) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String text = read(f);
                if (text.contains(GREETING)) {
                    withValue.add(f);
                }
                if (f.getParent().getFileName().toString().equals("stack-overrides")) {
                    overrides.add(f);
                }
            });
        }
        assertThat(withValue).isEmpty();
        assertThat(overrides).singleElement().satisfies(f -> assertThat(read(f)).contains("${GREETING}"));
    }

    @Test
    @Order(2)
    void theDiffComparesTheStacksServicesAndNamesOneAddedByHand() {
        JsonNode diff = server.json("GET", "/api/v1/apps/" + app + "/diff", null);
        assertThat(diff.get("changes").asBoolean()).as(diff.toString()).isFalse();
        JsonNode web = diffOf(diff, "web");
        assertThat(web.get("action").asString()).isEqualTo("none");
        assertThat(web.get("observed_hashes").get(0).asString())
                .isEqualTo(web.get("deployed_hash").asString());

        // a service in the stack's namespace that the compose file does not have
        Docker.run(
                "service",
                "create",
                "--detach",
                "--name",
                app + "_extra",
                "--label",
                "com.docker.stack.namespace=" + app,
                "--init",
                Docker.IMAGE,
                "sleep",
                "100000");

        diff = server.json("GET", "/api/v1/apps/" + app + "/diff", null);
        assertThat(diff.get("changes").asBoolean()).isTrue();
        JsonNode extra = diffOf(diff, "extra");
        assertThat(extra.get("action").asString()).isEqualTo("remove");
        assertThat(extra.get("reasons").toString()).contains("service is not part of the desired state");
        assertThat(diffOf(diff, "web").get("action").asString()).isEqualTo("none");
    }

    @Test
    @Order(3)
    void aServiceScaledDownByHandIsHealedFromItsEvent() {
        int before = history().size();

        Docker.run("service", "scale", "--detach", app + "_web=1");

        JsonNode h = awaitHeal(before);
        assertThat(h.get(0).get("trigger").asString()).isEqualTo("drift");
        assertThat(Docker.run("service", "inspect", app + "_web", "-f", "{{.Spec.Mode.Replicated.Replicas}}"))
                .isEqualTo("2");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> replicas("web").equals("2/2"));
        // deploying the stack again (--prune) took the service added by hand away too
        assertThat(Docker.run("service", "ls", "--format", "{{.Name}}")).doesNotContain(app + "_extra");
    }

    @Test
    @Order(4)
    void aServiceRemovedByHandIsHealedFromItsEventAndTheHealsOwnUpdatesAreNoDrift() {
        int before = history().size();

        Docker.run("service", "rm", app + "_side");

        JsonNode h = awaitHeal(before);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> replicas("side").equals("1/1"));
        // exactly one heal: the updates and creations of its own stack deploy did not start another
        assertThat(history().size()).isEqualTo(before + 1);
        assertThat(h.get(0).get("outcome").asString()).isEqualTo("succeeded");
        // health follows at the compare after the heal's own deploy
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> server.app(app).get("health").asString().equals("healthy"));
        assertThat(history().size()).isEqualTo(before + 1);
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
