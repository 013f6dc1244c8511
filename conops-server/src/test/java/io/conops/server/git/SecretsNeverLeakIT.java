package io.conops.server.git;

import static io.conops.server.support.SshKeys.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.SshKeys;
import io.conops.server.support.TestRegistry;
import io.conops.server.support.TestServer;
import io.conops.server.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * After a full scenario with every kind of credential (deploy keys right and wrong, tokens right
 * and wrong, a registry password, webhook secrets and deliveries; registration, sync, PATCH
 * rotation, failing auth), no secret
 * appears in any API response, log line (DEBUG included), deployment transcript or file of the data
 * directory, the database included.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakIT {
    static final String TOKEN = "leak-token-" + "7d2f0c91be";
    static final String WRONG_TOKEN = "leak-wrong-" + "41aa0e77c3";
    static final String REGISTRY_PASSWORD = "leak-registry-" + "9e3b21d4";
    static final String WEBHOOK_SECRET = "leak-webhook-" + "5c8e02f7a1";
    static final String ROTATED_WEBHOOK_SECRET = "leak-rotated-" + "0b94d3e6c2";
    static final String GLOBAL_WEBHOOK_SECRET = "leak-global-" + "a7f1e9c304";
    static final String SSH_APP = "conops-test-leak-ssh";
    static final String HTTP_APP = "conops-test-leak-http";

    @TempDir
    Path tmp;

    final List<String> responses = new ArrayList<>();

    @Test
    void noSecretInResponsesLogsTranscriptsOrDataFiles(CapturedOutput output) throws Exception {
        KeyPair right = SshKeys.ed25519();
        KeyPair wrong = SshKeys.ed25519();
        String rightKey = SshKeys.openSsh(right);
        String wrongKey = SshKeys.openSsh(wrong);
        Path data = tmp.resolve("data");
        TestRepo origin = TestRepo.create(tmp.resolve("served"), "shop");
        try (TestSshGitServer ssh =
                        TestSshGitServer.start(tmp.resolve("served"), 0).authorize(right);
                TestHttpGitServer http = TestHttpGitServer.start(
                        tmp.resolve("served"), tmp.resolve("tomcat"), Map.of("x-access-token", TOKEN));
                TestRegistry registry = TestRegistry.start(tmp.resolve("registry"), "leaky", REGISTRY_PASSWORD)) {
            String image = registry.push(Docker.IMAGE, "conops-test/leak", "1");
            registry.untag(image);
            origin.write("compose.yaml", """
                    services:
                      app:
                        image: %s
                        init: true
                        network_mode: none
                        command: ["sleep", "100000"]
                    """.formatted(image)).commit("first");
            Path knownHosts = tmp.resolve("known_hosts");
            Files.writeString(knownHosts, ssh.knownHostsLine());
            String login = "\"registry_auth\":[{\"registry\":\"" + registry.host()
                    + "\",\"username\":\"leaky\",\"password\":\"" + REGISTRY_PASSWORD + "\"}]";

            try (TestServer server = TestServer.start(
                    data,
                    Map.of(
                            "conops.known-hosts-file",
                            knownHosts.toString(),
                            "logging.level.io.conops",
                            "DEBUG",
                            "logging.level.org.springframework.web",
                            "DEBUG",
                            "conops.webhook-secret",
                            GLOBAL_WEBHOOK_SECRET))) {
                try {
                    // Given apps registered with wrong credentials
                    call(
                            server,
                            "POST",
                            "/api/v1/apps/",
                            "{\"name\":\"" + SSH_APP + "\",\"repo_url\":\"" + ssh.url("shop.git")
                                    + "\",\"poll_interval\":\"1s\",\"repo_auth_method\":\"deploy_key\",\"deploy_key\":"
                                    + json(wrongKey)
                                    + "," + login + ",\"webhook_secret\":\"" + WEBHOOK_SECRET + "\"}");
                    call(
                            server,
                            "POST",
                            "/api/v1/apps/",
                            "{\"name\":\"" + HTTP_APP + "\",\"repo_url\":\"" + http.url("shop.git")
                                    + "\",\"poll_interval\":\"1s\",\"repo_auth_method\":\"token\",\"repo_token\":\""
                                    + WRONG_TOKEN + "\"}");
                    awaitStatus(server, SSH_APP, "error");
                    awaitStatus(server, HTTP_APP, "error");
                    // When the credentials are rotated by PATCH, the apps sync
                    call(server, "PATCH", "/api/v1/apps/" + SSH_APP, "{\"deploy_key\":" + json(rightKey) + "}");
                    call(
                            server,
                            "PATCH",
                            "/api/v1/apps/" + HTTP_APP,
                            "{\"repo_token\":\"" + TOKEN + "\"," + login + "}");
                    awaitStatus(server, SSH_APP, "synced");
                    awaitStatus(server, HTTP_APP, "synced");
                    // webhooks: a secret set by PATCH, deliveries right and wrong, the token of GitLab in a header
                    call(
                            server,
                            "PATCH",
                            "/api/v1/apps/" + HTTP_APP,
                            "{\"webhook_secret\":\"" + ROTATED_WEBHOOK_SECRET + "\"}");
                    String sha = server.app(SSH_APP).get("last_seen_commit").asString();
                    deliver(
                            server,
                            Webhooks.gitlab(push("gitlab-push", ssh.url("shop.git"), sha), WEBHOOK_SECRET),
                            202);
                    deliver(
                            server,
                            Webhooks.gitlab(push("gitlab-push", ssh.url("shop.git"), sha), GLOBAL_WEBHOOK_SECRET),
                            401);
                    deliver(
                            server,
                            Webhooks.github(
                                    "push", push("github-push", http.url("shop.git"), sha), ROTATED_WEBHOOK_SECRET),
                            202);
                    deliver(
                            server,
                            Webhooks.generic(Webhooks.generic("https://localhost/x", "main", sha), WEBHOOK_SECRET),
                            401);
                    // the syncs the deliveries started have ended (a sync's registry login lives only as long as it)
                    for (String app : List.of(SSH_APP, HTTP_APP)) {
                        awaitWebhookSyncEnded(server, app);
                    }
                    // and a failing registry login is recorded too
                    call(
                            server,
                            "PATCH",
                            "/api/v1/apps/" + HTTP_APP,
                            "{\"registry_auth\":[{\"registry\":\"" + registry.host()
                                    + "\",\"username\":\"leaky\",\"password\":\"" + WRONG_TOKEN + "\"}]}");
                    call(server, "POST", "/api/v1/apps/" + HTTP_APP + "/sync", null);
                    for (String app : List.of(SSH_APP, HTTP_APP)) {
                        call(server, "GET", "/api/v1/apps/" + app, null);
                        call(server, "GET", "/api/v1/apps/" + app + "/deployments", null);
                    }
                    call(server, "GET", "/api/v1/apps", null);
                    call(server, "GET", "/ui/apps", null);

                    // Then no secret shows anywhere
                    List<String> secrets = secrets(rightKey, wrongKey, registry.user);
                    for (String body : responses) {
                        assertNoSecret("an API response", body, secrets);
                    }
                    assertThat(String.join("\n", responses))
                            .contains("\"transcript\"")
                            .contains("docker compose up");
                    assertThat(output.getAll())
                            .contains("Registered app " + SSH_APP)
                            .contains("PatchBody[deploy_key]");
                    assertNoSecret("the log", output.getAll(), secrets);
                    try (Stream<Path> files = Files.walk(data)) {
                        List<Path> all = files.filter(Files::isRegularFile).toList();
                        assertThat(all).anySatisfy(f -> assertThat(f.toString()).endsWith(".mv.db"));
                        for (Path f : all) {
                            assertNoSecret(
                                    data.relativize(f).toString(),
                                    new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1),
                                    secrets);
                        }
                    }
                } finally {
                    server.call("DELETE", "/api/v1/apps/" + SSH_APP, null);
                    server.call("DELETE", "/api/v1/apps/" + HTTP_APP, null);
                    Docker.purge(SSH_APP);
                    Docker.purge(HTTP_APP);
                }
            }
        } finally {
            origin.close();
        }
    }

    private void call(TestServer server, String method, String path, String body) {
        HttpResponse<String> r = server.call(method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(400);
        responses.add(r.body());
    }

    private void deliver(TestServer server, Webhooks.Delivery delivery, int status) {
        HttpResponse<String> r = Webhooks.send(server, delivery);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        responses.add(r.body());
    }

    private void awaitWebhookSyncEnded(TestServer server, String app) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    HttpResponse<String> r = server.call("GET", "/api/v1/apps/" + app + "/deployments", null);
                    responses.add(r.body());
                    boolean ended = false;
                    for (JsonNode d : TestServer.parse(r.body())) {
                        ended |= d.get("trigger").asString().equals("webhook")
                                && !d.get("outcome").asString().equals("running");
                    }
                    return ended && server.app(app).get("status").asString().equals("synced");
                });
    }

    private static String push(String template, String url, String sha) {
        return Webhooks.payload(template, url, url, url, "refs/heads/main", sha);
    }

    private void awaitStatus(TestServer server, String app, String status) {
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    HttpResponse<String> r = server.call("GET", "/api/v1/apps/" + app, null);
                    responses.add(r.body());
                    JsonNode a = TestServer.parse(r.body());
                    return a.get("status").asString().equals(status);
                });
    }

    /** Every secret as it could appear: whole, each line of the keys' base64, user:password in base64. */
    private static List<String> secrets(String rightKey, String wrongKey, String registryUser) {
        List<String> s = new ArrayList<>(List.of(
                TOKEN,
                WRONG_TOKEN,
                WEBHOOK_SECRET,
                ROTATED_WEBHOOK_SECRET,
                GLOBAL_WEBHOOK_SECRET,
                REGISTRY_PASSWORD,
                Base64.getEncoder()
                        .encodeToString((registryUser + ":" + REGISTRY_PASSWORD).getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8))));
        for (String key : List.of(rightKey, wrongKey)) {
            key.lines().filter(l -> !l.startsWith("-----") && l.length() >= 16).forEach(s::add);
        }
        return s;
    }

    private static void assertNoSecret(String where, String text, List<String> secrets) {
        for (String secret : secrets) {
            assertThat(text.contains(secret))
                    .as("a secret (" + secret.substring(0, 6) + "…) appears in " + where)
                    .isFalse();
        }
    }
}
