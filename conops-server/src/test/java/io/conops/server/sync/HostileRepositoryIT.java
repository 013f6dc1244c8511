package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
 * Given a deployed app and a bystander app on the real engine, commits that reach outside the
 * checkout (a symlink to a host file as a bind mount, a {@code ..} env_file, include or secret) or
 * that are too large (a repository over CONOPS_MAX_REPO_SIZE, a YAML alias bomb) fail at validation
 * naming the path or the limit, the previous deployment keeps running, and the bystander keeps
 * syncing meanwhile.
 */
class HostileRepositoryIT {
    static final String SERVICE = HostileCompose.SERVICE;

    @TempDir
    static Path tmp;

    static TestServer server;
    final List<String> apps = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.max-repo-size", "400KB"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void cleanUp() {
        for (String app : apps) {
            server.call("DELETE", "/api/v1/apps/" + app + "?remove_volumes=true", null);
            Docker.purge(app);
        }
    }

    @Test
    void contentReachingOutsideTheCheckoutIsRefusedNamingThePath() {
        TestRepo repo = repo("conops-test-escape-");
        String app = deploy(repo, SERVICE);
        String container = Docker.containers(app, "s").get(0);
        TestRepo bystanderRepo = repo("conops-test-bystander-");
        String bystander = deploy(bystanderRepo, SERVICE);

        repo.link("shadow", "/etc/shadow");
        assertRefused(
                app,
                repo.commit("mount a host file through a symlink", Map.of("compose.yaml", SERVICE + """
                    volumes: ["./shadow:/stolen:ro"]
                """)),
                "compose.yaml: service s volume './shadow' leaves the repository's checkout through a symlink"
                        + " (to /etc/shadow)",
                container);
        assertRefused(
                app,
                repo.commit("an env file up the tree", Map.of("compose.yaml", SERVICE + """
                    env_file: ["../../../../../../../../etc/hostname"]
                """)),
                "compose.yaml: service s env_file '../../../../../../../../etc/hostname' leaves the repository's"
                        + " checkout through ..",
                container);
        repo.link("shadow", "/etc");
        assertRefused(
                app,
                repo.commit("a secret file in a symlinked folder", Map.of("compose.yaml", SERVICE + """
                    secrets: [pw]
                secrets:
                  pw:
                    file: ./shadow/shadow
                """)),
                "compose.yaml: secrets pw file './shadow/shadow' leaves the repository's checkout through a"
                        + " symlink (to /etc/shadow)",
                container);
        assertRefused(
                app,
                repo.commit(
                        "an include up the tree",
                        Map.of("compose.yaml", "include: [../other/compose.yaml]\n" + SERVICE)),
                "compose.yaml: include '../other/compose.yaml' leaves the repository's checkout through ..",
                container);

        String next =
                bystanderRepo.commit("bystander moves on", Map.of("compose.yaml", SERVICE.replace("100000", "100001")));
        syncedTo(bystander, next);
    }

    @Test
    void anExplicitHostPathStaysAllowed() {
        TestRepo repo = repo("conops-test-hostpath-");
        String app = deploy(repo, SERVICE + """
                    volumes: ["/etc/hostname:/host-name:ro"]
                """);

        assertThat(Docker.run("exec", Docker.containers(app, "s").get(0), "cat", "/host-name"))
                .isNotBlank();
    }

    @Test
    void oversizeRepositoriesAndAliasBombsFailWhileTheOtherAppKeepsSyncing() {
        TestRepo repo = repo("conops-test-huge-");
        String app = deploy(repo, SERVICE);
        String container = Docker.containers(app, "s").get(0);
        TestRepo bystanderRepo = repo("conops-test-calm-");
        String bystander = deploy(bystanderRepo, SERVICE);

        assertRefused(
                app,
                repo.commit("alias bomb", Map.of("compose.yaml", HostileCompose.aliasBomb(9))),
                "compose.yaml expands to more than 100,000 YAML nodes",
                container);
        byte[] noise = new byte[600 * 1024];
        new SecureRandom().nextBytes(noise);
        String huge = repo.commit(
                "a large incompressible file",
                Map.of("noise.txt", Base64.getEncoder().encodeToString(noise)));
        String next =
                bystanderRepo.commit("bystander moves on", Map.of("compose.yaml", SERVICE.replace("100000", "100002")));
        server.call("POST", "/api/v1/apps/" + app + "/sync", null);

        JsonNode failed = errorAt(app, huge);
        assertThat(failed.get("last_error").asString())
                .contains("bytes or more on disk; this installation accepts repositories up to 409,600 bytes"
                        + " (CONOPS_MAX_REPO_SIZE)");
        assertThat(TestServer.condition(failed, "RepoNotAllowed")).isNotNull();
        syncedTo(bystander, next);
        assertThat(Docker.containers(app, "s")).containsExactly(container);
    }

    private TestRepo repo(String prefix) {
        String app = prefix + UUID.randomUUID().toString().substring(0, 8);
        apps.add(app);
        return TestRepo.create(tmp.resolve(app));
    }

    private String deploy(TestRepo repo, String compose) {
        String app = apps.get(apps.size() - 1);
        String good = repo.commit("good", Map.of("compose.yaml", compose));
        assertThat(server.call(
                                "POST",
                                "/api/v1/apps/",
                                "{\"name\":\"" + app + "\",\"repo_url\":\"" + repo.url()
                                        + "\",\"poll_interval\":\"1h\"}")
                        .statusCode())
                .isEqualTo(201);
        syncedTo(app, good);
        return app;
    }

    private static void syncedTo(String app, String sha) {
        server.call("POST", "/api/v1/apps/" + app + "/sync", null);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return sha.equals(a.get("last_synced_commit").asString())
                            && a.get("status").asString().equals("synced");
                });
    }

    private static void assertRefused(String app, String sha, String message, String container) {
        assertThat(server.call("POST", "/api/v1/apps/" + app + "/sync", null).statusCode())
                .isEqualTo(202);
        JsonNode failed = errorAt(app, sha);
        assertThat(failed.get("last_error").asString()).startsWith(message);
        assertThat(TestServer.condition(failed, "InvalidCompose")).isNotNull();
        assertThat(Docker.containers(app, "s")).containsExactly(container);
        assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", container)).isEqualTo("true");
    }

    private static JsonNode errorAt(String app, String sha) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return a.get("status").asString().equals("error")
                            && sha.equals(a.get("last_seen_commit").asString());
                });
        return server.app(app);
    }
}
