package io.conops.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRegistry;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Given a real registry with htpasswd auth on loopback, ConOps pulls private images with the app's
 * (or the global) login through a private Docker config, and with image_updates redeploys when
 * the tag is pushed again, saying why in the history.
 */
class PrivateRegistryIT {
    static final String USER = "puller";
    static final String PASSWORD = "registry-pw-" + "c0ffee42";

    @TempDir
    static Path tmp;

    static TestRegistry registry;
    static TestServer server;
    final List<String> apps = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        registry = TestRegistry.start(tmp.resolve("registry"), USER, PASSWORD);
        server = TestServer.start(tmp.resolve("data"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @AfterEach
    void cleanUp() {
        for (String app : apps) {
            server.call("DELETE", "/api/v1/apps/" + app, null);
            Docker.purge(app);
        }
    }

    private String app() {
        String name = "conops-test-" + UUID.randomUUID().toString().substring(0, 8);
        apps.add(name);
        return name;
    }

    /** Pushes the test image under a private name and forgets it locally, so only a pull can bring it. */
    private static String privateImage(String repository) {
        String ref = registry.push(Docker.IMAGE, repository, "1");
        registry.untag(ref);
        return ref;
    }

    private static String repo(String app, String image) {
        TestRepo repo = TestRepo.create(tmp.resolve("repos").resolve(app));
        repo.commit("use " + image, Map.of("compose.yaml", """
                services:
                  app:
                    image: %s
                    init: true
                    network_mode: none
                    command: ["sleep", "100000"]
                """.formatted(image)));
        return repo.url();
    }

    private static String login(String password) {
        return "\"registry_auth\":[{\"registry\":\"" + registry.host() + "\",\"username\":\"" + USER
                + "\",\"password\":\"" + password + "\"}]";
    }

    private static JsonNode awaitStatus(TestServer on, String app, String status) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> on.app(app).get("status").asString().equals(status));
        return on.app(app);
    }

    @Test
    void privateImageIsPulledWithTheAppsLoginAndRuns() {
        String image = privateImage(
                "conops-test/private-" + UUID.randomUUID().toString().substring(0, 6));
        String app = app();
        server.register(app, repo(app, image), login(PASSWORD));

        awaitStatus(server, app, "synced");
        String container = Docker.containers(app, "app").get(0);
        assertThat(Docker.run("inspect", "-f", "{{.Config.Image}}", container)).isEqualTo(image);
        assertThat(Docker.run("image", "inspect", "-f", "{{join .RepoDigests \",\"}}", image))
                .contains(registry.host());
        assertThat(server.dataDir
                        .resolve("apps")
                        .resolve(server.app(app).get("id").asString())
                        .resolve("docker-config"))
                .as("registry logins leave the disk once Compose is done")
                .doesNotExist();
    }

    @Test
    void withoutALoginOrWithAWrongOneThePullFailsClearly() {
        String image = privateImage(
                "conops-test/refused-" + UUID.randomUUID().toString().substring(0, 6));
        String anonymous = app();
        String wrong = app();
        server.register(anonymous, repo(anonymous, image), null);
        server.register(wrong, repo(wrong, image), login("not-" + PASSWORD));

        for (String app : List.of(anonymous, wrong)) {
            String error = awaitStatus(server, app, "error").get("last_error").asString();
            assertThat(error).contains("cannot pull " + image).doesNotContain(PASSWORD);
            assertThat(Docker.allContainers(app)).isEmpty();
        }
    }

    @Test
    void globalLoginFileServesAppsWithoutTheirOwn() throws Exception {
        String image = privateImage(
                "conops-test/global-" + UUID.randomUUID().toString().substring(0, 6));
        Path file = tmp.resolve("registry-auth.json");
        Files.writeString(
                file,
                "[{\"registry\":\"" + registry.host() + "\",\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD
                        + "\"}]");
        try (TestServer global =
                TestServer.start(tmp.resolve("data-global"), Map.of("conops.registry-auth-file", file.toString()))) {
            String app = app();
            global.register(app, repo(app, image), null);
            awaitStatus(global, app, "synced");
            assertThat(Docker.containers(app, "app")).hasSize(1);
            global.call("DELETE", "/api/v1/apps/" + app, null);
        }
    }

    @Test
    void rePushedTagRedeploysWithImageUpdatesAndTheHistorySaysWhy() throws Exception {
        String repository = "conops-test/moving-" + UUID.randomUUID().toString().substring(0, 6);
        String image = privateImage(repository);
        String app = app();
        server.register(app, repo(app, image), login(PASSWORD) + ",\"image_updates\":true");
        awaitStatus(server, app, "synced");
        String before = Docker.containers(app, "app").get(0);

        // someone else pushes a new build under the same tag
        String v2 = registry.changedImage(Docker.IMAGE, registry.host() + "/" + repository + ":2", "2");
        registry.push(v2, repository, "2");
        registry.retag(repository, "2", "1");
        String v2Id = Docker.run("image", "inspect", "-f", "{{.Id}}", v2);
        String v2Digest = Docker.run("image", "inspect", "-f", "{{index .RepoDigests 0}}", v2)
                .replaceFirst(".*@", "");

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    List<String> now = Docker.containers(app, "app");
                    return now.size() == 1
                            && !now.get(0).equals(before)
                            && Docker.run("inspect", "-f", "{{.Image}}", now.get(0))
                                    .equals(v2Id)
                            && server.app(app).get("status").asString().equals("synced");
                });
        JsonNode latest =
                server.json("GET", "/api/v1/apps/" + app + "/deployments", null).get(0);
        assertThat(latest.get("trigger").asString()).isEqualTo("image_update");
        assertThat(latest.get("outcome").asString()).isEqualTo("succeeded");
        assertThat(latest.get("message").asString())
                .contains(image + " moved from sha256:")
                .contains("to " + v2Digest);
        assertThat(latest.get("commit").asString())
                .isEqualTo(server.app(app).get("last_synced_commit").asString());
        TestRegistry.untagIfPresent(image);
    }
}
