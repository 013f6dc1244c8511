package io.conops.server.git;

import static io.conops.server.support.SshKeys.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.SshKeys;
import io.conops.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
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
 * Given private repositories behind an in-process SSH server (deploy keys, strict known_hosts) and
 * a token-protected HTTP Git server, ConOps clones, deploys and follows them, and every credential
 * failure ends as an app error that says what to fix.
 */
class PrivateRepositoriesIT {
    static final String TOKEN = "http-token-" + "a93c5e";

    @TempDir
    static Path tmp;

    static TestRepo origin;
    static TestSshGitServer ssh;
    static TestHttpGitServer http;
    static Path knownHosts;
    static TestServer server;
    static final KeyPair ED25519 = SshKeys.ed25519();
    static final KeyPair RSA = SshKeys.rsa();

    final List<String> apps = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        origin = TestRepo.create(tmp.resolve("served"), "shop");
        ssh = TestSshGitServer.start(tmp.resolve("served"), 0)
                .authorize(ED25519)
                .authorize(RSA);
        http = TestHttpGitServer.start(tmp.resolve("served"), tmp.resolve("tomcat"), Map.of("x-access-token", TOKEN));
        knownHosts = tmp.resolve("known_hosts");
        Files.writeString(knownHosts, ssh.knownHostsLine());
        origin.write("compose.yaml", """
                services:
                  app:
                    image: local/busybox:1
                    init: true
                    network_mode: none
                    command: ["sleep", "100000"]
                """).commit("first");
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.known-hosts-file", knownHosts.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        ssh.close();
        http.close();
        origin.close();
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

    private static JsonNode awaitStatus(String app, String status) {
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(app).get("status").asString().equals(status));
        return server.app(app);
    }

    private static String deployKey(KeyPair key) {
        return "\"repo_auth_method\":\"deploy_key\",\"deploy_key\":" + json(SshKeys.openSsh(key));
    }

    @Test
    void ed25519AndRsaDeployKeysCloneDeployAndFollowTheBranch() throws Exception {
        String viaEd25519 = app();
        String viaRsa = app();
        server.register(viaEd25519, ssh.url("shop.git"), deployKey(ED25519));
        server.register(
                viaRsa,
                ssh.url("shop.git"),
                "\"repo_auth_method\":\"deploy_key\",\"deploy_key\":" + json(SshKeys.pem(RSA)));

        JsonNode synced = awaitStatus(viaEd25519, "synced");
        awaitStatus(viaRsa, "synced");
        assertThat(synced.get("has_deploy_key").asBoolean()).isTrue();
        assertThat(Docker.containers(viaEd25519, "app")).hasSize(1);
        assertThat(Docker.containers(viaRsa, "app")).hasSize(1);

        String next = origin.write("compose.yaml", """
                services:
                  app:
                    image: local/busybox:1
                    init: true
                    network_mode: none
                    command: ["sleep", "200000"]
                """).commit("second");
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(90))
                .until(() -> next.equals(
                                server.app(viaEd25519).get("last_synced_commit").asString())
                        && next.equals(
                                server.app(viaRsa).get("last_synced_commit").asString()));
    }

    @Test
    void unknownHostFailsNamingTheHostAndHowToTrustIt() throws Exception {
        try (TestSshGitServer stranger =
                TestSshGitServer.start(tmp.resolve("served"), 0).authorize(ED25519)) {
            String app = app();
            server.register(app, stranger.url("shop.git"), deployKey(ED25519));

            String error = awaitStatus(app, "error").get("last_error").asString();
            assertThat(error)
                    .contains("[127.0.0.1]:" + stranger.port())
                    .contains("is not in " + knownHosts)
                    .contains("ssh-keyscan -p " + stranger.port() + " 127.0.0.1");
            assertThat(Docker.allContainers(app)).isEmpty();
        }
    }

    @Test
    void wrongDeployKeyFailsClearlyAndARotatedKeyRecoversWithoutRestart() {
        String app = app();
        server.register(app, ssh.url("shop.git"), deployKey(SshKeys.ed25519()));

        String error = awaitStatus(app, "error").get("last_error").asString();
        assertThat(error)
                .contains("authentication failed for " + ssh.url("shop.git"))
                .contains("deploy key");

        server.json("PATCH", "/api/v1/apps/" + app, "{\"deploy_key\":" + json(SshKeys.openSsh(ED25519)) + "}");
        awaitStatus(app, "synced");
        assertThat(Docker.containers(app, "app")).hasSize(1);
    }

    @Test
    void tokenOverHttpDeploysAndAWrongTokenFailsClearlyUntilPatched() {
        String right = app();
        String wrong = app();
        server.register(right, http.url("shop.git"), "\"repo_auth_method\":\"token\",\"repo_token\":\"" + TOKEN + "\"");
        server.register(
                wrong, http.url("shop.git"), "\"repo_auth_method\":\"token\",\"repo_token\":\"not-" + TOKEN + "\"");

        awaitStatus(right, "synced");
        String error = awaitStatus(wrong, "error").get("last_error").asString();
        assertThat(error)
                .contains("authentication failed for " + http.url("shop.git"))
                .contains("token")
                .doesNotContain(TOKEN);

        server.json("PATCH", "/api/v1/apps/" + wrong, "{\"repo_token\":\"" + TOKEN + "\"}");
        awaitStatus(wrong, "synced");
    }

    @Test
    void branchChangeByPatchDeploysTheOtherBranchWithoutRestart() throws Exception {
        String app = app();
        server.register(app, http.url("shop.git"), "\"repo_auth_method\":\"token\",\"repo_token\":\"" + TOKEN + "\"");
        awaitStatus(app, "synced");
        String release = origin.write("compose.yaml", """
                services:
                  release:
                    image: local/busybox:1
                    init: true
                    network_mode: none
                    command: ["sleep", "300000"]
                """).commit("release", "release");

        JsonNode patched = server.json("PATCH", "/api/v1/apps/" + app, "{\"branch\":\"release\"}");
        assertThat(patched.get("branch").asString()).isEqualTo("release");
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(90))
                .until(() ->
                        release.equals(server.app(app).get("last_synced_commit").asString())
                                && server.app(app).get("status").asString().equals("synced"));
        assertThat(Docker.containers(app, "release")).hasSize(1);
        assertThat(Docker.containers(app, "app")).isEmpty();
    }
}
