package io.conops.ctl;

import static io.conops.ctl.FakeConops.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** add, update, services, diff, logs, version, completion, login and contexts against a stand-in server. */
class AppsMoreCommandsTest {
    private final FakeConops server = FakeConops.start();
    private final Cli cli = new Cli();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void addSendsTheOriginalsExampleFileAsItIs() throws IOException {
        // examples/private-repo.json of the original ConOps, with a name our rules accept
        Path file = tmp.resolve("private-repo.json");
        Files.writeString(file, """
                {
                  "name": "private-application",
                  "repo_url": "git@github.com:myorg/private-repo.git",
                  "repo_auth_method": "deploy_key",
                  "deploy_key": "-----BEGIN OPENSSH PRIVATE KEY-----\\n...\\n-----END OPENSSH PRIVATE KEY-----",
                  "branch": "main",
                  "compose_path": "docker-compose.yml",
                  "poll_interval": "60s"
                }
                """);
        server.on("POST", "/api/v1/apps/", json(201, Apps.app("private-application", "registered")));

        var result = cli.against(server, "apps", "add", file.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode sent = Json.parse(server.only("POST").body());
        assertThat(sent.get("repo_auth_method").asString()).isEqualTo("deploy_key");
        assertThat(sent.get("compose_path").asString()).isEqualTo("docker-compose.yml");
        assertThat(sent.get("deploy_key").asString()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    }

    @Test
    void createTakesYamlThenFlagsEnvsAndADeployKeyFile() throws IOException {
        Path yaml = tmp.resolve("app.yaml");
        Files.writeString(yaml, "name: web\nrepo_url: git@example.org:r.git\nbranch: dev\n");
        Path key = tmp.resolve("id_ed25519");
        Files.writeString(key, "KEY-MATERIAL\n");
        Path envFile = tmp.resolve("app.env");
        Files.writeString(envFile, "# comment\nexport A=1\nB=\"two words\"\n");
        server.on("POST", "/api/v1/apps/", json(201, Apps.app("web", "registered")));

        var result = cli.against(
                server,
                "apps",
                "create",
                "-f",
                yaml.toString(),
                "--branch",
                "main",
                "--deploy-key-file",
                key.toString(),
                "--env-file",
                envFile.toString(),
                "--env",
                "C=x=y");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode sent = Json.parse(server.only("POST").body());
        assertThat(sent.get("name").asString()).isEqualTo("web");
        assertThat(sent.get("branch").asString()).isEqualTo("main");
        assertThat(sent.get("repo_auth_method").asString()).isEqualTo("deploy_key");
        assertThat(sent.get("deploy_key").asString()).isEqualTo("KEY-MATERIAL\n");
        assertThat(sent.get("service_envs").toString()).isEqualTo("{\"A\":\"1\",\"B\":\"two words\",\"C\":\"x=y\"}");
    }

    @Test
    void aMalformedEnvPairIsAUsageErrorThatDoesNotQuoteIt() {
        var result = cli.against(server, "apps", "create", "--name", "web", "--repo-url", "u", "--env", "SECRETVALUE");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--env: expected KEY=VALUE").doesNotContain("SECRETVALUE");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void updatePatchesOnlyTheFieldsGiven() {
        server.on("PATCH", "/api/v1/apps/web", json(200, Apps.app("web", "pending")));

        var result = cli.against(server, "apps", "update", "web", "--branch", "dev", "--clear-envs");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(server.only("PATCH").body()).isEqualTo("{\"branch\":\"dev\",\"service_envs\":null}");
        assertThat(cli.against(server, "apps", "update", "web").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void servicesAndDiffPrintTables() {
        server.on("GET", "/api/v1/apps/web/services", json(200, """
                [{"name":"web","state":"running","health":"healthy","container_ids":["c1"],"image":"img",
                  "desired_hash":"0123456789abcdef","observed_hashes":[],"in_sync":true,"reason":null,"detail":null}]
                """));
        server.on("GET", "/api/v1/apps/web/diff", json(200, """
                {"commit":"89abcdef01","deployed_commit":"0123456789","changes":true,
                 "services":[{"name":"web","action":"recreate","reasons":["environment changed"],
                  "desired_hash":"a","deployed_hash":"b","observed_hashes":[]}]}
                """));

        var services = cli.against(server, "apps", "services", "web", "-o", "wide");
        var diff = cli.against(server, "apps", "diff", "web");

        assertThat(services.outLines().get(0)).startsWith("SERVICE").contains("IN SYNC", "IMAGE", "HASH");
        assertThat(services.outLines().get(1)).startsWith("web").contains("running", "healthy", "yes", "0123456");
        assertThat(diff.outLines().get(0)).isEqualTo("Commit 89abcde (deployed 0123456): changes");
        assertThat(diff.outLines().get(2)).contains("web", "environment changed");
    }

    @Test
    void yamlOutputIsTheServersAnswer() {
        server.on("GET", "/api/v1/apps/web", json(200, Apps.app("web", "synced")));

        var result = cli.against(server, "apps", "get", "web", "-o", "yaml");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("name: \"web\"").contains("status: \"synced\"");
    }

    @Test
    void logsAsksForServiceTailAndFollowAndCopiesTheLines() {
        server.on(
                "GET",
                "/api/v1/apps/web/logs?follow=true&service=db&tail=5",
                new FakeConops.Answer(200, "text/plain", "db | ready\ndb | listening\n"));

        var result = cli.against(server, "apps", "logs", "web", "db", "-f", "--tail", "5");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.outLines()).containsExactly("db | ready", "db | listening");
    }

    @Test
    void versionShowsClientAndServer() {
        server.on("GET", "/api/v1/info", json(200, "{\"version\":\"9.9.9\"}"));

        var result = cli.against(server, "version");

        assertThat(result.outLines()).containsExactly("client: conops-ctl " + ConopsCtl.version(), "server: 9.9.9");
    }

    @Test
    void completionPrintsAScriptForBashAndZsh() {
        assertThat(cli.run("completion", "bash").out()).contains("complete -F").contains("apps");
        assertThat(cli.run("completion", "zsh").out()).startsWith("autoload -U +X compinit");
        assertThat(cli.run("completion", "fish").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void loginStoresAPrivateContextThatLaterCommandsUse() throws IOException {
        server.on("GET", "/api/v1/apps/", json(200, "[]"));

        var login = cli.against(server, "login", "--context", "lab");
        assertThat(login.exitCode()).as(login.err()).isZero();

        Path config = cli.configHome().resolve("conops/config.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
        var list = cli.run("apps", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(server.requests().get(server.requests().size() - 1).authorization())
                .isEqualTo("Bearer " + Cli.TOKEN);
        assertThat(cli.run("contexts", "list").out())
                .contains("*")
                .contains("lab")
                .contains(server.url());
        assertThat(cli.run("contexts", "use", "nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void urlAndConopsUrlWorkAsTheOriginalsSpelling() {
        server.on("GET", "/api/v1/apps/", json(200, "[]"));

        assertThat(cli.run("apps", "list", "--url", server.url(), "--token", Cli.TOKEN)
                        .exitCode())
                .isZero();
        assertThat(new Cli()
                        .env("CONOPS_URL", server.url())
                        .env("CONOPS_TOKEN", Cli.TOKEN)
                        .run("apps", "list")
                        .exitCode())
                .isZero();
    }
}
