package io.conops.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.core.app.EngineAddress;
import io.conops.server.support.Docker;
import io.conops.server.support.Sshd;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Given this machine's own sshd as the way to a second engine (it leads to the same Docker daemon),
 * an app with an ssh:// docker_host and its key deploys there, with the host key checked against
 * ConOps' known_hosts: a port whose host key is not the one known is refused. Before the server
 * starts, a real forward is opened and recorded by ConOps' tunnel code and then abandoned, as a
 * crashed server would leave it, beside a recorded pid now held by an unrelated process: the start
 * ends the forward and leaves the other alone.
 */
class SshEngineIT {
    static final String OVER_SSH = "conops-test-engines-ssh";
    static final String WRONG_KEY = "conops-test-engines-sshbad";

    @TempDir
    static Path tmp;

    static TestServer server;
    static TestRepo repo;
    static Sshd sshd;
    static String clientKey;
    /** The forward a "crashed" server left running, and a process under a recorded pid reused since. */
    static ProcessHandle leftover;

    static Process unrelated;

    @BeforeAll
    static void start() throws Exception {
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        keygen(keys.resolve("client"));
        keygen(keys.resolve("other"));
        clientKey = Files.readString(keys.resolve("client"));
        sshd = Sshd.start(tmp.resolve("sshd"), Files.readString(keys.resolve("client.pub")), 2);
        String otherKey = String.join(
                " ",
                List.of(Files.readString(keys.resolve("other.pub")).split(" ")).subList(0, 2));
        Path knownHosts = tmp.resolve("known_hosts");
        Files.writeString(
                knownHosts,
                Sshd.knownHostsLine(sshd.ports.get(0), sshd.hostKey)
                        + Sshd.knownHostsLine(sshd.ports.get(1), otherKey));
        leaveForwardAsACrashWould(tmp.resolve("data"), knownHosts);
        server = TestServer.start(tmp.resolve("data"), Map.of("conops.known-hosts-file", knownHosts.toString()));
        repo = TestRepo.create(tmp.resolve("repo"));
        repo.commit("deploy", Map.of("compose.yaml", """
                services:
                  web:
                    image: local/busybox:1
                    init: true
                    command: ["sleep", "100000"]
                """));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.call("DELETE", "/api/v1/apps/" + OVER_SSH + "?remove_volumes=true", null);
            server.call("DELETE", "/api/v1/apps/" + WRONG_KEY + "?remove_volumes=true", null);
            server.close();
        }
        if (sshd != null) {
            sshd.close();
        }
        Docker.purge(OVER_SSH);
        Docker.purge(WRONG_KEY);
        if (unrelated != null) {
            unrelated.destroyForcibly();
        }
        if (leftover != null) {
            leftover.destroyForcibly();
        }
    }

    static void leaveForwardAsACrashWould(Path data, Path knownHosts) throws IOException {
        Path record = data.resolve("engines").resolve(SshForwards.FILE);
        SshForwards forwards = new SshForwards(record);
        SshTunnel tunnel = new SshTunnel(
                EngineAddress.parse(dockerHost(sshd.ports.get(0))),
                clientKey,
                data.resolve("engines").resolve("leftover"),
                knownHosts,
                Clock.systemUTC(),
                forwards);
        tunnel.ensure(); // never closed
        List<SshForwards.Forward> recorded = JsonMapper.builder()
                .build()
                .readValue(record.toFile(), new TypeReference<List<SshForwards.Forward>>() {});
        assertThat(recorded).hasSize(1);
        leftover = ProcessHandle.of(recorded.get(0).pid()).orElseThrow();
        assertThat(leftover.info().command().orElse("")).endsWith("ssh");
        // its pid taken by something else since: the command line no longer is the recorded one
        unrelated = new ProcessBuilder("sleep", "100000").start();
        forwards.started(unrelated.pid(), tunnel.command());
    }

    @Test
    void forwardsACrashLeftRunningAreEndedAtStartAndNoOtherProcess() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !leftover.isAlive());
        assertThat(unrelated.isAlive()).as("the process under a reused pid").isTrue();
        Path record = server.dataDir.resolve("engines").resolve(SshForwards.FILE);
        if (Files.exists(record)) { // this server's own forwards, when another test opened one
            assertThat(readString(record))
                    .doesNotContain("\"pid\":" + leftover.pid() + ",")
                    .doesNotContain("\"pid\":" + unrelated.pid() + ",");
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return ""; // removed meanwhile: nothing recorded
        }
    }

    @Test
    void appOnAnEngineReachedOverSshDeploysAndIsDeleted() throws IOException {
        String host = dockerHost(sshd.ports.get(0));
        server.register(OVER_SSH, repo.url(), engineFields(host));
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(OVER_SSH);
                    return a.get("status").asString().equals("synced")
                            && a.get("health").asString().equals("healthy");
                });
        assertThat(Docker.containers(OVER_SSH, "web")).hasSize(1);
        JsonNode app = server.app(OVER_SSH);
        assertThat(app.get("docker_host").asString()).isEqualTo(host);
        assertThat(app.get("has_docker_ssh_key").asBoolean()).isTrue();
        assertThat(app.toString()).doesNotContain("PRIVATE KEY");

        JsonNode engine = PodmanEngineIT.engineOf(server, host);
        assertThat(engine.get("reachable").asBoolean()).isTrue();
        assertThat(engine.get("version").asString()).isNotBlank();
        assertThat(engine.get("apps").toString()).contains(OVER_SSH);
        try (Stream<Path> files = Files.walk(server.dataDir.resolve("engines"))) {
            Path key = files.filter(p -> p.getFileName().toString().equals("id"))
                    .findFirst()
                    .orElseThrow();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }

        assertThat(server.call("DELETE", "/api/v1/apps/" + OVER_SSH, null).statusCode())
                .isBetween(200, 299);
        assertThat(Docker.allContainers(OVER_SSH)).isEmpty();
    }

    @Test
    void hostWhoseKeyIsNotTheKnownOneIsRefused() {
        server.register(WRONG_KEY, repo.url(), engineFields(dockerHost(sshd.ports.get(1))));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> server.app(WRONG_KEY).get("status").asString().equals("error"));
        JsonNode app = server.app(WRONG_KEY);
        JsonNode condition = TestServer.condition(app, "EngineUnreachable");
        assertThat(condition).as(app.toString()).isNotNull();
        assertThat(condition.get("message").asString()).contains("Host key verification failed");
        assertThat(Docker.allContainers(WRONG_KEY)).isEmpty();
    }

    @Test
    void engineFieldsAreCheckedAndTheKeyIsWriteOnly() {
        String host = dockerHost(sshd.ports.get(0));
        assertProblem(register("conops-test-engines-v1", "\"docker_host\":\"" + host + "\""), "docker_ssh_key");
        assertProblem(register("conops-test-engines-v2", "\"docker_host\":\"tcp://127.0.0.1:2376\""), "docker_host");
        assertProblem(register("conops-test-engines-v3", "\"docker_host\":\"ssh://127.0.0.1\""), "docker_host");
        assertProblem(register("conops-test-engines-v4", "\"docker_ssh_key\":" + quoted(clientKey)), "docker_ssh_key");
        assertProblem(
                register("conops-test-engines-v5", "\"docker_host\":\"" + host + "\",\"docker_ssh_key\":\"not a key\""),
                "docker_ssh_key");
        server.register("conops-test-engines-v6", repo.url(), "\"docker_host\":\"unix:///nowhere/docker.sock\"");
        assertProblem(
                server.call(
                        "PATCH",
                        "/api/v1/apps/conops-test-engines-v6",
                        "{\"docker_host\":\"unix:///elsewhere/docker.sock\"}"),
                "docker_host");
        server.call("DELETE", "/api/v1/apps/conops-test-engines-v6", null);
    }

    private static HttpResponse<String> register(String name, String extra) {
        return server.call(
                "POST",
                "/api/v1/apps/",
                "{\"name\":\"" + name + "\",\"repo_url\":\"" + repo.url() + "\"," + extra + "}");
    }

    private static void assertProblem(HttpResponse<String> r, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(r.body()).contains(field).doesNotContain("PRIVATE KEY");
    }

    private static String engineFields(String host) {
        return "\"docker_host\":\"" + host + "\",\"docker_ssh_key\":" + quoted(clientKey);
    }

    private static String quoted(String text) {
        return JsonMapper.builder().build().writeValueAsString(text);
    }

    private static String dockerHost(int port) {
        return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port;
    }

    private static void keygen(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
    }
}
