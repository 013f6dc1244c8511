package io.conops.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.core.port.EngineEventsPort;
import io.conops.server.support.Docker;
import io.conops.server.support.Podman;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.sync.EngineDrift;
import io.conops.server.sync.Reconciler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given apps whose docker_host is Podman's Docker-compatible API socket (the one the provisioning
 * script starts, and one the test starts and stops), ConOps deploys, heals and deletes them on
 * Podman, and an engine that goes away marks only its own apps.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the first counts the event streams
class PodmanEngineIT {
    static final String ON_PODMAN = "conops-test-engines-podman";
    static final String ON_STOPPED = "conops-test-engines-stopped";
    static final String ON_LOCAL = "conops-test-engines-local";
    static final String IMAGE_ELSEWHERE = "conops-test-engines-noimage";
    static final String IDENTITY = "conops-test-engines-identity";
    /** An image Podman has and the local engine has not. */
    static final String PODMAN_ONLY = "local/conops-test-engines-podmanonly:1";
    /** An image the local engine has and Podman has not. */
    static final String DOCKER_ONLY = "local/conops-test-engines-dockeronly:1";
    // Podman has no catatonit (init: true fails), and a busybox shell as PID 1 ignores SIGTERM
    static final String COMPOSE = """
            services:
              web:
                image: local/busybox:1
                stop_signal: SIGKILL
                command: ["sleep", "100000"]
            """;

    @TempDir
    static Path tmp;

    static TestServer server;
    static TestRepo repo;
    static Process privatePodman;

    @BeforeAll
    static void start() {
        server = TestServer.start(tmp.resolve("data"));
        repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("deploy", Map.of("compose.yaml", COMPOSE));
        repo.commit(
                "dockeronly",
                "an image Podman does not have",
                Map.of("compose.yaml", COMPOSE.replace(Docker.IMAGE, DOCKER_ONLY)));
        Docker.run("tag", Docker.IMAGE, DOCKER_ONLY);
        repo.commit(
                "podmanonly",
                "an image only Podman has",
                Map.of("compose.yaml", COMPOSE.replace(Docker.IMAGE, PODMAN_ONLY)));
        Podman.run("tag", Docker.IMAGE, PODMAN_ONLY);
    }

    @AfterAll
    static void stop() {
        for (String app : new String[] {ON_PODMAN, ON_LOCAL, ON_STOPPED, IMAGE_ELSEWHERE, IDENTITY}) {
            server.call("DELETE", "/api/v1/apps/" + app + "?remove_volumes=true", null);
        }
        server.close();
        if (privatePodman != null) {
            privatePodman.destroy();
        }
        Podman.purge(ON_PODMAN);
        Podman.purge(ON_STOPPED);
        Docker.purge(ON_LOCAL);
        Podman.purge(IMAGE_ELSEWHERE);
        Podman.purge(IDENTITY);
        Podman.run("rmi", "-f", PODMAN_ONLY);
        Docker.run("rmi", DOCKER_ONLY);
    }

    @Test
    @Order(1)
    void appOnPodmanIsDeployedHealedAfterPodmanKillAndDeleted() {
        server.register(ON_PODMAN, repo.url(), "\"docker_host\":\"" + Podman.dockerHost() + "\"");
        awaitHealthy(ON_PODMAN);
        assertThat(server.app(ON_PODMAN).get("docker_host").asString()).isEqualTo(Podman.dockerHost());
        assertThat(Podman.containers(ON_PODMAN, "web")).hasSize(1);
        assertThat(Docker.allContainers(ON_PODMAN))
                .as("nothing on the local engine")
                .isEmpty();

        // one event stream per engine in use: ConOps' own and Podman's
        EngineEventsPort.Subscription events = server.bean(EngineDrift.class).events();
        await().atMost(Duration.ofSeconds(60)).until(() -> events.connected() && events.connections() >= 2);

        String web = Podman.containers(ON_PODMAN, "web").get(0);
        Podman.run("kill", web);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        Podman.run("inspect", "-f", "{{.State.Status}}", web).equals("running"));
        JsonNode history = server.json("GET", "/api/v1/apps/" + ON_PODMAN + "/deployments", null);
        assertThat(history.get(0).get("trigger").asString()).isEqualTo("drift");

        JsonNode podman = engine(Podman.dockerHost());
        assertThat(podman.get("reachable").asBoolean()).isTrue();
        assertThat(podman.get("version").asString()).isNotBlank();
        assertThat(podman.get("apps").toString()).contains(ON_PODMAN);
        assertThat(engine("local").get("apps").toString()).doesNotContain(ON_PODMAN);

        assertThat(server.call("DELETE", "/api/v1/apps/" + ON_PODMAN, null).statusCode())
                .isBetween(200, 299);
        assertThat(Podman.containers(ON_PODMAN, "web")).isEmpty();
    }

    @Test
    @Order(2)
    void stoppingOneEnginesSocketMarksOnlyItsAppsUntilItIsBack() throws Exception {
        Path socket = Files.createTempDirectory(tmp, "p").resolve("api.sock");
        privatePodman = Podman.startService(socket);
        server.register(ON_LOCAL, repo.url(), null);
        server.register(ON_STOPPED, repo.url(), "\"docker_host\":\"unix://" + socket + "\"");
        awaitHealthy(ON_LOCAL);
        awaitHealthy(ON_STOPPED);

        privatePodman.destroy();
        privatePodman.waitFor();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TestServer.condition(server.app(ON_STOPPED), "EngineUnreachable") != null);
        // a whole compare of every app after the one that found the engine away
        long ticks = server.bean(Reconciler.class).ticks();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> server.bean(Reconciler.class).ticks() > ticks + 1);

        JsonNode local = server.app(ON_LOCAL);
        assertThat(TestServer.condition(local, "EngineUnreachable")).isNull();
        assertThat(local.get("health").asString()).isEqualTo("healthy");
        assertThat(server.app(ON_STOPPED).get("health").asString()).isEqualTo("unknown");
        JsonNode stopped = engine("unix://" + socket);
        assertThat(stopped.get("reachable").asBoolean()).isFalse();
        assertThat(stopped.get("error").asString()).isNotBlank();
        assertThat(stopped.get("apps").toString()).contains(ON_STOPPED);
        assertThat(engine("local").get("reachable").asBoolean()).isTrue();

        privatePodman = Podman.startService(socket);
        awaitHealthy(ON_STOPPED);
        assertThat(TestServer.condition(server.app(ON_STOPPED), "EngineUnreachable"))
                .isNull();
        assertThat(server.call("DELETE", "/api/v1/apps/" + ON_STOPPED, null).statusCode())
                .isBetween(200, 299);
    }

    @Test
    @Order(3)
    void imagesAreLookedForOnTheAppsEngine() {
        server.register(
                IMAGE_ELSEWHERE,
                repo.url(),
                "\"branch\":\"dockeronly\",\"docker_host\":\"" + Podman.dockerHost() + "\"");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TestServer.condition(server.app(IMAGE_ELSEWHERE), "ImageUnavailable") != null);
        assertThat(TestServer.condition(server.app(IMAGE_ELSEWHERE), "ImageUnavailable")
                        .get("message")
                        .asString())
                .contains(DOCKER_ONLY);
    }

    /**
     * The image identity in a service's hash is the app's engine's: a tag that moves on Podman
     * changes the hash of a service that runs on Podman, although ConOps' own engine has no such image.
     */
    @Test
    @Order(4)
    void imageIdentityInTheHashComesFromTheAppsEngine() {
        server.register(
                IDENTITY, repo.url(), "\"branch\":\"podmanonly\",\"docker_host\":\"" + Podman.dockerHost() + "\"");
        awaitHealthy(IDENTITY);
        assertThat(diff(IDENTITY).get("changes").asBoolean()).isFalse();

        // the tag now names another image, on Podman only
        Podman.run("commit", Podman.containers(IDENTITY, "web").get(0), PODMAN_ONLY);

        JsonNode web = diff(IDENTITY).get("services").get(0);
        assertThat(web.get("action").asString()).as(web.toString()).isEqualToIgnoringCase("recreate");
        assertThat(web.get("reasons").toString()).contains("image changed");
    }

    static JsonNode diff(String app) {
        return server.json("GET", "/api/v1/apps/" + app + "/diff", null);
    }

    static void awaitHealthy(String app) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return a.get("status").asString().equals("synced")
                            && a.get("health").asString().equals("healthy");
                });
    }

    static JsonNode engine(String dockerHost) {
        return engineOf(server, dockerHost);
    }

    static JsonNode engineOf(TestServer server, String dockerHost) {
        for (JsonNode e : server.json("GET", "/api/v1/engines", null)) {
            if (e.get("docker_host").asString().equals(dockerHost)) {
                return e;
            }
        }
        throw new AssertionError("no engine " + dockerHost + " in " + server.json("GET", "/api/v1/engines", null));
    }
}
