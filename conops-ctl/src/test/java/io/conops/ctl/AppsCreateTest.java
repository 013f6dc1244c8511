package io.conops.ctl;

import static io.conops.ctl.FakeConops.json;
import static io.conops.ctl.FakeConops.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppsCreateTest {
    private final FakeConops server = FakeConops.start();
    private final Cli cli = new Cli();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createPostsSnakeCaseJsonWithOnlyTheGivenFields() {
        server.on("POST", "/api/v1/apps/", json(201, Apps.app("web", "registered")));

        var result = cli.against(
                server,
                "apps",
                "create",
                "--name",
                "web",
                "--repo-url",
                "https://git.example/web.git",
                "--compose-path",
                "deploy/compose.yaml",
                "--poll-interval",
                "1m");

        assertThat(result.exitCode()).isZero();
        FakeConops.Request sent = server.only("POST");
        assertThat(sent.contentType()).isEqualTo("application/json");
        assertThat(Json.parse(sent.body())).isEqualTo(Json.parse("""
                {"name":"web","repo_url":"https://git.example/web.git",
                 "compose_path":"deploy/compose.yaml","poll_interval":"1m"}
                """));
        assertThat(result.out()).contains("Name:").contains("web").contains("Status:           registered");
    }

    @Test
    void layoutAndOverlayDirAreSentAsGiven() {
        server.on("POST", "/api/v1/apps/", json(201, Apps.app("lab", "registered")));

        var result = cli.against(
                server,
                "apps",
                "create",
                "--name",
                "lab",
                "--repo-url",
                "https://git.example/lab.git",
                "--layout",
                "homelab-gitops",
                "--overlay-dir",
                "");

        assertThat(result.exitCode()).isZero();
        assertThat(Json.parse(server.only("POST").body())).isEqualTo(Json.parse("""
                {"name":"lab","repo_url":"https://git.example/lab.git","layout":"homelab-gitops","overlay_dir":""}
                """));
    }

    @Test
    void deploymentTrustAndNotificationFlagsAreSentAsTheApisFields(@TempDir Path dir) throws Exception {
        server.on("POST", "/api/v1/apps/", json(201, Apps.app("set", "registered")));
        Path signers = Files.writeString(dir.resolve("signers"), "dev@example.com ssh-ed25519 AAAA\n");
        Path age = Files.writeString(dir.resolve("age.txt"), "AGE-SECRET-KEY-1TEST\n");

        var result = cli.against(
                server,
                "apps",
                "create",
                "--name",
                "set",
                "--repo-url",
                "https://git.example/set.git",
                "--target",
                "swarm",
                "--pull-policy",
                "always",
                "--stacks-file",
                "stacks.yaml",
                "--docker-host",
                "unix:///run/podman.sock",
                "--require-signed-commits",
                "--allowed-signers-file",
                signers.toString(),
                "--age-key-file",
                age.toString(),
                "--notify-url",
                "ntfy+https://ntfy.example/a",
                "--notify-url",
                "https://hooks.example/b");

        assertThat(result.exitCode()).isZero();
        assertThat(Json.parse(server.only("POST").body())).isEqualTo(Json.parse("""
                {"name":"set","repo_url":"https://git.example/set.git","target":"swarm","pull_policy":"always",
                 "stacks_file":"stacks.yaml","docker_host":"unix:///run/podman.sock",
                 "require_signed_commits":true,"allowed_signers":"dev@example.com ssh-ed25519 AAAA\\n",
                 "age_key":"AGE-SECRET-KEY-1TEST\\n",
                 "notify_urls":["ntfy+https://ntfy.example/a","https://hooks.example/b"]}
                """));
    }

    @Test
    void tlsEngineFlagsSendTheFilesContentsOnCreateAndUpdate(@TempDir Path dir) throws Exception {
        server.on("POST", "/api/v1/apps/", json(201, Apps.app("edge", "registered")));
        server.on("PATCH", "/api/v1/apps/edge", json(200, Apps.app("edge", "pending")));
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nCA\n");
        Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nCERT\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nKEY\n");

        var created = cli.against(
                server,
                "apps",
                "create",
                "--name",
                "edge",
                "--repo-url",
                "https://git.example/edge.git",
                "--docker-host",
                "tcp://10.0.0.2:2376",
                "--docker-tls-ca-file",
                ca.toString(),
                "--docker-tls-cert-file",
                cert.toString(),
                "--docker-tls-key-file",
                key.toString());
        var updated = cli.against(server, "apps", "update", "edge", "--docker-tls-key-file", key.toString());

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(Json.parse(server.only("POST").body())).isEqualTo(Json.parse("""
                {"name":"edge","repo_url":"https://git.example/edge.git","docker_host":"tcp://10.0.0.2:2376",
                 "docker_tls_ca":"-----BEGIN CERTIFICATE-----\\nCA\\n",
                 "docker_tls_cert":"-----BEGIN CERTIFICATE-----\\nCERT\\n",
                 "docker_tls_key":"-----BEGIN PRIVATE KEY-----\\nKEY\\n"}
                """));
        assertThat(updated.exitCode()).as(updated.err()).isZero();
        assertThat(Json.parse(server.only("PATCH").body()))
                .isEqualTo(Json.parse("{\"docker_tls_key\":\"-----BEGIN PRIVATE KEY-----\\nKEY\\n\"}"));
        assertThat(created.out() + created.err() + updated.out() + updated.err())
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void takenNameIsAConflictOnOneLine() {
        server.on("POST", "/api/v1/apps/", problem(409, """
                {"type":"about:blank","title":"Conflict","status":409,
                 "detail":"an app named 'web' already exists","field":"name"}
                """));

        var result = cli.against(server, "apps", "create", "--name", "web", "--repo-url", "https://x.example/r.git");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(result.errLines()).containsExactly("error: name: an app named 'web' already exists");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void validationProblemNamesTheFieldOnOneLine() {
        server.on("POST", "/api/v1/apps/", problem(400, """
                {"title":"Bad Request","status":400,"field":"name",
                 "detail":"must be a Compose project name: lowercase letters, digits, '-' and '_'"}
                """));

        var result = cli.against(server, "apps", "create", "--name", "Web!", "--repo-url", "https://x.example/r.git");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.errLines())
                .containsExactly("error: name: must be a Compose project name: lowercase letters, digits, '-' and '_'");
    }

    @Test
    void everyFieldErrorOfAProblemShowsOnTheSameLine() {
        server.on("POST", "/api/v1/apps/", problem(422, """
                {"title":"Unprocessable Entity","status":422,"detail":"2 invalid fields",
                 "errors":[{"field":"branch","message":"is not a valid Git branch name"},
                           {"field":"poll_interval","message":"must be at least 1s"}]}
                """));

        var result = cli.against(
                server,
                "apps",
                "create",
                "--name",
                "web",
                "--repo-url",
                "https://x.example/r.git",
                "--branch",
                "a..b",
                "--poll-interval",
                "0s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(result.errLines())
                .containsExactly("error: branch: is not a valid Git branch name; poll_interval: must be at least 1s");
    }

    @Test
    void missingRequiredOptionIsAUsageErrorAndSendsNothing() {
        var result = cli.against(server, "apps", "create", "--name", "web");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .isEqualTo("error: name and repo_url are required: give --name and --repo-url, or -f FILE");
        assertThat(server.requests()).isEmpty();
    }
}
