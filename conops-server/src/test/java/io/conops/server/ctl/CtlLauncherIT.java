package io.conops.server.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.ctl.Launcher.Run;
import io.conops.server.support.Docker;
import io.conops.server.support.SshKeys;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * conops-ctl through its launcher script, as a process, against a real server deploying a real
 * app on the real engine: every command, every output format, and every exit code a script can
 * meet. The app is registered from a file shaped as the original ConOps' examples/basic-app.json.
 */
class CtlLauncherIT {
    static final String ESC = "\u001B";
    static final String APP = "conops-test-ctlp-" + UUID.randomUUID().toString().substring(0, 8);
    static final String KEYED = APP + "-key";
    static final String DOOMED = APP + "-del";

    @TempDir
    static Path tmp;

    static TestServer server;
    static TestRepo repo;
    static Launcher ctl;
    static Map<String, String> auth;
    static int port;
    static String sha;

    @BeforeAll
    static void registerAndSyncAnAppFromTheOriginalsExampleShape() throws Exception {
        server = TestServer.start(tmp.resolve("data"));
        ctl = new Launcher(tmp.resolve("ctl"));
        auth = Map.of("CONOPS_URL", server.url(""), "CONOPS_TOKEN", TestServer.TOKEN);
        port = Docker.freePort();
        repo = TestRepo.create(tmp.resolve("repo"));
        sha = repo.commit("v1", Map.of("docker-compose.yml", Docker.webCompose(port), "site/index.html", "v1"));
        Path file = Files.writeString(tmp.resolve("basic-app.json"), """
                {
                  "name": "%s",
                  "repo_url": "%s",
                  "repo_auth_method": "public",
                  "branch": "main",
                  "compose_path": "docker-compose.yml",
                  "poll_interval": "30s"
                }
                """.formatted(APP, repo.url()));

        Run added = ctl.run(auth, "apps", "add", file.toString());
        assertThat(added.code()).as(added.toString()).isZero();
        Run synced = ctl.run(auth, "apps", "sync", APP, "--wait", "--timeout", "2m");
        assertThat(synced.code()).as(synced.toString()).isZero();
        // registering deployed it already: the sync asked for finds nothing to change
        assertThat(synced.out()).containsPattern(APP + ": (succeeded|unchanged), commit " + sha.substring(0, 7));
        assertThat(Docker.fetch("http://127.0.0.1:" + port + "/")).isEqualTo("v1");
    }

    @AfterAll
    static void stop() {
        for (String app : new String[] {APP, KEYED, DOOMED}) {
            server.call("DELETE", "/api/v1/apps/" + app + "?remove_volumes=true", null);
            Docker.purge(app);
        }
        server.close();
    }

    @Test
    void theOriginalsExampleShapesRegisterAppsAndItsNamesAreRefusedNamingTheField() throws Exception {
        JsonNode basic =
                TestServer.parse(ctl.run(auth, "apps", "get", APP, "-o", "json").out());
        assertThat(basic.get("compose_path").asString()).isEqualTo("docker-compose.yml");
        assertThat(basic.get("repo_auth_method").asString()).isEqualTo("public");
        assertThat(basic.get("branch").asString()).isEqualTo("main");

        // examples/private-repo.json: a deploy key inline in the file
        String key = SshKeys.openSsh(SshKeys.ed25519());
        Path privateRepo = Files.writeString(
                tmp.resolve("private-repo.json"), """
                {"name": "%s", "repo_url": "ssh://git@127.0.0.1:%d/myorg/private-repo.git",
                 "repo_auth_method": "deploy_key", "deploy_key": %s,
                 "branch": "main", "compose_path": "docker-compose.yml", "poll_interval": "60s"}
                """.formatted(KEYED, Docker.freePort(), SshKeys.json(key)));
        Run added = ctl.run(auth, "apps", "add", privateRepo.toString(), "-o", "json");
        assertThat(added.code()).as(added.toString()).isZero();
        assertThat(TestServer.parse(added.out()).get("repo_auth_method").asString())
                .isEqualTo("deploy_key");
        String keyBody =
                key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(added.out() + added.err()).doesNotContain(keyBody);

        // the original's own file as it is: its name has capitals and spaces, which names here cannot
        Path verbatim = Files.writeString(tmp.resolve("verbatim.json"), """
                {"name": "My Web App", "repo_url": "https://github.com/myuser/my-app.git",
                 "repo_auth_method": "public", "branch": "main", "compose_path": "docker-compose.yml",
                 "poll_interval": "30s"}
                """);
        Run refused = ctl.run(auth, "apps", "add", verbatim.toString());
        assertThat(refused.code()).isEqualTo(6);
        assertThat(refused.err().strip()).startsWith("error: name:").doesNotContain("\n");
    }

    @Test
    void everyReadCommandInEveryOutputFormat() {
        // other tests move the app on: read where it is now
        String current = server.app(APP).get("last_synced_commit").asString();
        Run table = ctl.run(auth, "apps", "list");
        assertThat(table.code()).as(table.toString()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow())
                .startsWith("NAME")
                .contains("LAST SYNC");
        assertThat(line(table.out(), APP))
                .contains("synced", "healthy", current.substring(0, 7))
                .containsPattern("(\\d+[smhd] ago|just now)$")
                .doesNotContain(current);
        assertThat(table.out() + table.err()).doesNotContain(ESC);

        Run wide = ctl.run(auth, "apps", "list", "-o", "wide");
        assertThat(line(wide.out(), APP))
                .contains(current, repo.url(), "docker-compose.yml")
                .doesNotContain("ago");

        Run json = ctl.run(auth, "apps", "list", "-o", "json");
        assertThat(TestServer.parse(json.out()).findValues("name").toString()).contains(APP);

        Run yaml = ctl.run(auth, "apps", "get", APP, "-o", "yaml");
        assertThat(yaml.code()).isZero();
        assertThat(yaml.out()).contains("name: \"" + APP + "\"").contains(current);

        Run get = ctl.run(auth, "apps", "get", APP);
        assertThat(get.out()).contains("Synced commit:").contains(current).containsPattern("(ago|just now)\\)");

        Run history = ctl.run(auth, "apps", "history", APP);
        assertThat(history.out()).contains("succeeded").contains("manual").contains(current.substring(0, 7));
        Run historyWide = ctl.run(auth, "apps", "history", APP, "-o", "wide");
        assertThat(historyWide.out()).contains(current);

        Run services = ctl.run(auth, "apps", "services", APP);
        assertThat(line(services.out(), "web")).contains("running").contains("yes");
        Run servicesJson = ctl.run(auth, "apps", "services", APP, "-o", "json");
        assertThat(TestServer.parse(servicesJson.out()).get(0).get("in_sync").asBoolean())
                .isTrue();

        Run diff = ctl.run(auth, "apps", "diff", APP);
        assertThat(diff.code()).as(diff.toString()).isZero();
        assertThat(diff.out()).contains("no changes").contains("web");

        Run version = ctl.run(auth, "version");
        assertThat(version.out()).contains("client: conops-ctl").contains("server: ");
        Run versionJson = ctl.run(auth, "version", "-o", "json");
        assertThat(TestServer.parse(versionJson.out()).has("server")).isTrue();

        Run completion = ctl.run("completion", "bash");
        assertThat(completion.code()).isZero();
        assertThat(completion.out()).contains("complete -F").contains("conops-ctl");
    }

    @Test
    void updateChangesOnlyTheFieldsGivenAndNeverEchoesAnEnvValue() {
        String value = "value-" + UUID.randomUUID();

        Run updated = ctl.run(auth, "apps", "update", APP, "--poll-interval", "1h", "--env", "GREETING=" + value);

        assertThat(updated.code()).as(updated.toString()).isZero();
        assertThat(updated.out()).contains("GREETING").doesNotContain(value);
        JsonNode app = server.app(APP);
        assertThat(app.get("poll_interval").asString()).isEqualTo("1h");
        assertThat(app.get("compose_path").asString()).isEqualTo("docker-compose.yml");
        assertThat(app.get("service_env_keys").toString()).isEqualTo("[\"GREETING\"]");
    }

    @Test
    void loginStoresAContextThatLaterCommandsUse() throws Exception {
        Run login = ctl.run(
                Map.of(), "login", "--context", "here", "--server", server.url(""), "--token", TestServer.TOKEN);
        assertThat(login.code()).as(login.toString()).isZero();
        Path config = ctl.configHome().resolve("conops/config.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");

        Run contexts = ctl.run("contexts", "list");
        assertThat(line(contexts.out(), "here")).startsWith("*").contains(server.url(""));
        assertThat(contexts.out()).doesNotContain(TestServer.TOKEN);
        Run listed = ctl.run("apps", "list");
        assertThat(listed.code()).as(listed.toString()).isZero();
        assertThat(listed.out()).contains(APP);

        Run elsewhere =
                ctl.run(Map.of(), "login", "--context", "down", "--server", deadServer(), "--token", TestServer.TOKEN);
        assertThat(elsewhere.code()).isEqualTo(7);
        assertThat(ctl.run("contexts", "use", "down").code()).isEqualTo(3);
        assertThat(ctl.run("contexts", "use", "here").code()).isZero();
    }

    @Test
    void everyErrorIsOneLineWithTheExitCodeOfTheTable() {
        assertExit(2, ctl.run(auth, "apps", "list", "--no-such-flag"), "--no-such-flag");
        assertExit(2, ctl.run(auth, "apps", "list", "-o", "xml"), "xml");
        assertExit(3, ctl.run(auth, "apps", "get", "no-such-app"), "no-such-app");
        Run wrongToken =
                ctl.run(Map.of("CONOPS_URL", server.url(""), "CONOPS_TOKEN", "wrong-0123456789"), "apps", "list");
        assertExit(4, wrongToken, "admin-token");
        assertThat(wrongToken.err()).doesNotContain("wrong-0123456789");
        Run conflict = ctl.run(
                auth,
                "apps",
                "create",
                "--name",
                APP,
                "--repo-url",
                repo.url(),
                "--compose-path",
                "docker-compose.yml");
        assertExit(5, conflict, APP);
        assertExit(
                6,
                ctl.run(
                        auth,
                        "apps",
                        "create",
                        "--name",
                        APP + "-x",
                        "--repo-url",
                        repo.url(),
                        "--poll-interval",
                        "soon"),
                "poll_interval");
        assertExit(
                7,
                ctl.run(Map.of("CONOPS_TOKEN", TestServer.TOKEN), "apps", "list", "--url", deadServer()),
                "cannot reach");
    }

    @Test
    void aBrokenCommitMakesSyncWaitExit9AndTheSiteKeepsRunning() {
        String served = Docker.fetch("http://127.0.0.1:" + port + "/");
        String broken = repo.commit("broken", Map.of("docker-compose.yml", "services:\n  web: [unclosed\n"));
        try {
            Run failed = ctl.run(auth, "apps", "sync", APP, "--wait", "--timeout", "2m");

            assertExit(9, failed, "failed at " + broken.substring(0, 7));
            assertThat(Docker.fetch("http://127.0.0.1:" + port + "/")).isEqualTo(served);
        } finally {
            repo.commit("fixed", Map.of("docker-compose.yml", Docker.webCompose(port)));
            Run fixed = ctl.run(auth, "apps", "sync", APP, "--wait", "--timeout", "2m");
            assertThat(fixed.code()).as(fixed.toString()).isZero();
        }
    }

    @Test
    void aWaitThatRunsOutExits10() {
        repo.commit("v2", Map.of("site/index.html", "v2"));

        Run timedOut = ctl.run(auth, "apps", "sync", APP, "--wait", "--timeout", "1ms");

        assertExit(10, timedOut, "gave up waiting");
        await().atMost(Duration.ofSeconds(90)).until(() -> "v2".equals(Docker.fetch("http://127.0.0.1:" + port + "/")));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> server.app(APP).get("status").asString().equals("synced"));
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        Run terminal = ctl.onTerminal(auth, "apps", "list");
        Run noColor = ctl.onTerminal(
                Map.of("CONOPS_URL", server.url(""), "CONOPS_TOKEN", TestServer.TOKEN, "NO_COLOR", "1"),
                "apps",
                "list");

        assertThat(terminal.code()).as(terminal.toString()).isZero();
        assertThat(terminal.out()).contains(ESC + "[32msynced" + ESC + "[0m");
        assertThat(noColor.code()).isZero();
        assertThat(noColor.out()).contains(APP).doesNotContain(ESC);
    }

    @Test
    void deleteAsksUnlessToldAndThenTakesTheContainersAway() {
        TestRepo doomed = TestRepo.create(tmp.resolve("doomed"));
        doomed.commit("v1", Map.of("compose.yaml", Docker.webCompose(Docker.freePort()), "site/index.html", "x"));
        Run created =
                ctl.run(auth, "apps", "create", "--name", DOOMED, "--repo-url", doomed.url(), "--poll-interval", "1h");
        assertThat(created.code()).as(created.toString()).isZero();
        assertThat(ctl.run(auth, "apps", "sync", DOOMED, "--wait").code()).isZero();
        assertThat(Docker.allContainers(DOOMED)).isNotEmpty();

        // no terminal to ask on: refused rather than guessed
        assertExit(2, ctl.run(auth, "apps", "delete", DOOMED), "--yes");
        assertThat(server.call("GET", "/api/v1/apps/" + DOOMED, null).statusCode())
                .isEqualTo(200);

        Run deleted = ctl.run(auth, "apps", "delete", DOOMED, "--yes");
        assertThat(deleted.code()).as(deleted.toString()).isZero();
        assertThat(deleted.err()).isEmpty();
        assertThat(Docker.allContainers(DOOMED)).isEmpty();
        assertExit(3, ctl.run(auth, "apps", "get", DOOMED), DOOMED);
    }

    /**
     * The server's logs as `<service> | <line>`: a request makes busybox httpd write nothing, so the
     * service is made to speak through the Engine (a `docker exec` writing to its main stdout).
     */
    @Test
    void logsPrintTheServicesLinesAndAnUnknownServiceExits3() throws Exception {
        String container = Docker.containers(APP, "web").get(0);
        Docker.run("exec", container, "sh", "-c", "echo conops-ctl-logs-marker > /proc/1/fd/1");

        Run logs = ctl.run(auth, "apps", "logs", APP, "web", "--tail", "20");

        assertThat(logs.code()).as(logs.toString()).isZero();
        assertThat(logs.out()).contains("web | conops-ctl-logs-marker");
        assertExit(3, ctl.run(auth, "apps", "logs", APP, "nosuch"), "service");
    }

    private static void assertExit(int code, Run run, String mentions) {
        assertThat(run.code()).as(run.toString()).isEqualTo(code);
        assertThat(run.out()).as(run.toString()).isEmpty();
        assertThat(run.err().strip()).as(run.toString()).startsWith("error: ").contains(mentions);
        assertThat(run.err().strip().lines()).as(run.toString()).hasSize(1);
    }

    private static String line(String out, String containing) {
        return out.lines().filter(l -> l.contains(containing)).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    private static String deadServer() {
        return "http://127.0.0.1:" + Docker.freePort();
    }
}
