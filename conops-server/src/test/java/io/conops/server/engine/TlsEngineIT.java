package io.conops.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import io.conops.server.support.TlsCerts;
import io.conops.server.support.TlsDockerProxy;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Given the real Engine behind mutual TLS on 127.0.0.1 (a proxy that requires a client certificate
 * of its CA in front of the Engine's socket, as {@code dockerd --tlsverify} does), an app with
 * {@code docker_host: tcp://127.0.0.1:port} and its TLS material deploys through it, is healed
 * through it, and keeps its PEMs to itself; a client certificate of another CA reaches nothing.
 */
class TlsEngineIT {
    static final String OVER_TLS = "conops-test-tls-app";
    static final String WRONG_CA = "conops-test-tls-wrongca";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path tmp;

    static TestServer server;
    static TestRepo repo;
    static TlsDockerProxy proxy;
    static TlsCerts ca;
    static TlsCerts.Issued client;
    static TlsCerts.Issued stranger;

    @BeforeAll
    static void start() {
        ca = TlsCerts.authority(tmp.resolve("pki"), "engine");
        client = ca.client("conops-client");
        stranger = TlsCerts.authority(tmp.resolve("other-pki"), "other").client("stranger");
        proxy = new TlsDockerProxy(Path.of("/var/run/docker.sock"), ca.caPem(), ca.server("engine-server"));
        server = TestServer.start(tmp.resolve("data"));
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
            server.call("DELETE", "/api/v1/apps/" + OVER_TLS + "?remove_volumes=true", null);
            server.call("DELETE", "/api/v1/apps/" + WRONG_CA + "?remove_volumes=true", null);
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        Docker.purge(OVER_TLS);
        Docker.purge(WRONG_CA);
    }

    @Test
    void appOnATlsEngineDeploysIsHealedAndKeepsItsPemsToItself() throws IOException {
        server.register(OVER_TLS, repo.url(), tlsFields(ca.caPem(), client));
        awaitHealthy(OVER_TLS);
        assertThat(Docker.containers(OVER_TLS, "web")).hasSize(1);
        // Compose created the container through the TLS port, and the events came through it
        assertThat(proxy.requests()).anyMatch(r -> r.contains("/containers/create"));
        assertThat(proxy.requests()).anyMatch(r -> r.contains("/events"));

        JsonNode engine = engineOf(OVER_TLS);
        assertThat(engine.get("docker_host").asString()).isEqualTo(proxy.dockerHost());
        assertThat(engine.get("reachable").asBoolean()).isTrue();
        assertThat(engine.get("version").asString()).isNotBlank();

        String web = Docker.containers(OVER_TLS, "web").get(0);
        Docker.run("kill", web);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        Docker.run("inspect", "-f", "{{.State.Status}}", web).equals("running"));
        awaitHealthy(OVER_TLS);

        JsonNode app = server.app(OVER_TLS);
        assertThat(app.get("has_docker_tls").asBoolean()).isTrue();
        assertThat(app.get("docker_host").asString()).isEqualTo(proxy.dockerHost());
        for (String path : List.of(
                "/api/v1/apps/" + OVER_TLS,
                "/api/v1/apps/",
                "/api/v1/engines",
                "/api/v1/apps/" + OVER_TLS + "/deployments")) {
            assertThat(server.call("GET", path, null).body())
                    .as(path)
                    .doesNotContain("BEGIN CERTIFICATE")
                    .doesNotContain("PRIVATE KEY")
                    .doesNotContain(client.key().lines().skip(1).findFirst().orElseThrow());
        }

        Path certDir = certDir();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certDir)))
                .isEqualTo("rwx------");
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certDir.resolve(file))))
                    .isEqualTo("rw-------");
        }
        assertThat(server.call("DELETE", "/api/v1/apps/" + OVER_TLS, null).statusCode())
                .isBetween(200, 299);
        assertThat(Docker.allContainers(OVER_TLS)).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(certDir));
    }

    @Test
    void clientCertificateOfAnotherCaReachesNothing() {
        int refusedBefore = proxy.refused();
        server.register(WRONG_CA, repo.url(), tlsFields(ca.caPem(), stranger));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TestServer.condition(server.app(WRONG_CA), "EngineUnreachable") != null);
        JsonNode app = server.app(WRONG_CA);
        assertThat(app.get("status").asString()).isNotEqualTo("synced");
        assertThat(TestServer.condition(app, "EngineUnreachable").get("message").asString())
                .contains("Docker Engine")
                .doesNotContain("PRIVATE KEY");
        assertThat(proxy.refused()).isGreaterThan(refusedBefore);
        assertThat(Docker.allContainers(WRONG_CA)).isEmpty();
        JsonNode engine = engineOf(WRONG_CA);
        assertThat(engine.get("reachable").asBoolean()).isFalse();
        assertThat(engine.get("error").asString()).isNotBlank();
    }

    @Test
    void tcpNeedsAllThreePemsAndRefusesWhatDoesNotParse() {
        String host = "\"docker_host\":\"" + proxy.dockerHost() + "\"";
        HttpResponse<String> plain = register("conops-test-tls-v1", host);
        assertProblem(plain, "docker_tls_ca");
        assertThat(plain.body()).contains("root");
        assertProblem(
                register(
                        "conops-test-tls-v2",
                        host + ",\"docker_tls_ca\":" + quoted(ca.caPem()) + ",\"docker_tls_cert\":"
                                + quoted(client.cert())),
                "docker_tls_key");
        assertProblem(
                register("conops-test-tls-v3", tlsFields(ca.caPem(), new TlsCerts.Issued("not a pem", client.key()))),
                "docker_tls_cert");
        assertProblem(
                register(
                        "conops-test-tls-v4",
                        tlsFields(
                                ca.caPem(),
                                new TlsCerts.Issued(
                                        client.cert(),
                                        "-----BEGIN PRIVATE KEY-----\nAAAA\n" + "-----END PRIVATE KEY-----\n"))),
                "docker_tls_key");
        assertProblem(
                register(
                        "conops-test-tls-v5",
                        "\"docker_host\":\"unix:///nowhere/docker.sock\",\"docker_tls_ca\":" + quoted(ca.caPem())),
                "docker_tls_ca");
        // a swarm app is deployed to the swarm of ConOps' own engine: another engine is refused
        assertProblem(
                register("conops-test-tls-v6", tlsFields(ca.caPem(), client) + ",\"target\":\"swarm\""), "docker_host");
        assertThat(server.call("GET", "/api/v1/apps/conops-test-tls-v6", null).statusCode())
                .isEqualTo(404);
    }

    private static Path certDir() throws IOException {
        try (Stream<Path> files = Files.walk(server.dataDir.resolve("engines"))) {
            return files.filter(p -> p.getFileName().toString().equals("key.pem"))
                    .findFirst()
                    .orElseThrow()
                    .getParent();
        }
    }

    private static JsonNode engineOf(String app) {
        for (JsonNode e : server.json("GET", "/api/v1/engines", null)) {
            if (e.get("apps").toString().contains("\"" + app + "\"")) {
                return e;
            }
        }
        throw new AssertionError("no engine of " + app + " in " + server.json("GET", "/api/v1/engines", null));
    }

    private static void awaitHealthy(String app) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode a = server.app(app);
                    return a.get("status").asString().equals("synced")
                            && a.get("health").asString().equals("healthy");
                });
    }

    private static String tlsFields(String caPem, TlsCerts.Issued cert) {
        return "\"docker_host\":\"" + proxy.dockerHost() + "\",\"docker_tls_ca\":" + quoted(caPem)
                + ",\"docker_tls_cert\":" + quoted(cert.cert()) + ",\"docker_tls_key\":" + quoted(cert.key());
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
        assertThat(TestServer.parse(r.body()).get("field").asString()).isEqualTo(field);
        assertThat(r.body()).doesNotContain("BEGIN").doesNotContain("PRIVATE KEY");
    }

    private static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }
}
