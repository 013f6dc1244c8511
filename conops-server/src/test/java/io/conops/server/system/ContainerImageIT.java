package io.conops.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conops.server.support.Docker;
import io.conops.server.support.TestRepo;
import io.conops.server.support.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/Dockerfile built and run as an operator runs it: built on a Debian base made from Debian's
 * packages (scripts/provision.sh makes local/debian:trixie; no registry can be reached here), started
 * with the host's Docker socket and a data directory mounted at the same path, it becomes healthy
 * through its HEALTHCHECK, starts from the class data archive recorded in the image, and deploys an
 * app registered through its API with the host's engine. Started with the data directory mounted
 * at another path, it refuses to start and says how to mount it.
 */
class ContainerImageIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String BASE = System.getenv().getOrDefault("CONOPS_TEST_BASE_IMAGE", "local/debian:trixie");
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String IMAGE = "conops-test-image-" + RUN + ":it";
    static final int IMAGE_UID = 10001;

    @TempDir
    static Path shared;

    @BeforeAll
    static void buildImage() throws Exception {
        assertThat(Docker.run("image", "ls", "-q", BASE))
                .as("the base image %s: scripts/provision.sh makes it", BASE)
                .isNotEmpty();
        Path log = shared.resolve("build.log");
        Process build = new ProcessBuilder(
                        "docker",
                        "build",
                        "--progress=plain",
                        "-f",
                        "deploy/Dockerfile",
                        "--build-arg",
                        "BASE_IMAGE=" + BASE,
                        "-t",
                        IMAGE,
                        ".")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean done = build.waitFor(20, TimeUnit.MINUTES);
        if (!done) {
            build.destroyForcibly();
        }
        assertThat(done && build.exitValue() == 0)
                .as(() -> "docker build failed:\n" + tail(log))
                .isTrue();
    }

    @AfterAll
    static void removeImage() {
        Docker.run("image", "rm", "-f", IMAGE);
    }

    @Test
    void theImageServesAnAppRegisteredThroughItsApi(@TempDir Path tmp) throws Exception {
        String name = "conops-test-image-" + RUN;
        String app = name + "-web";
        int appPort = Docker.freePort();
        Path data = dataDir(tmp.resolve("data"));
        try (TestRepo repo = TestRepo.create(tmp.resolve("repo"))) {
            repo.commit(
                    "web",
                    Map.of(
                            "compose.yaml",
                            Docker.webCompose(appPort),
                            "site/index.html",
                            "served by the image " + RUN));
            run(
                    name,
                    List.of(
                            "-v",
                            data + ":" + data,
                            "-v",
                            repo.bare() + ":" + repo.bare() + ":ro",
                            "-e",
                            "CONOPS_DATA_DIR=" + data,
                            "-e",
                            "CONOPS_ALLOW_FILE_REPOS=true",
                            "-e",
                            "JAVA_TOOL_OPTIONS=-Xlog:class+load=info:file=/home/conops/classes.log",
                            "-p",
                            "127.0.0.1::8080"));
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> health(name), h -> h.equals("healthy") || h.equals("exited"));
            assertThat(health(name)).as(() -> Docker.run("logs", name)).isEqualTo("healthy");
            assertThat(Docker.run("exec", name, "cat", "/home/conops/classes.log"))
                    .as("classes come out of the archive the image recorded")
                    .contains("source: shared objects file (top)");
            String api = "http://"
                    + Docker.run("port", name, "8080/tcp").lines().findFirst().orElseThrow();

            HttpResponse<String> created = call("POST", api + "/api/v1/apps/", """
                    {"name":"%s","repo_url":"%s","poll_interval":"1s"}""".formatted(app, repo.url()));
            assertThat(created.statusCode()).as(created::body).isEqualTo(201);

            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> "served by the image %s"
                            .formatted(RUN)
                            .equals(Docker.fetch("http://127.0.0.1:" + appPort + "/index.html")));
            assertThat(call("DELETE", api + "/api/v1/apps/" + app, null).statusCode())
                    .isLessThan(300);
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> Docker.allContainers(app).isEmpty());
        } finally {
            remove(name);
            Docker.purge(app);
        }
    }

    @Test
    void aDataDirectoryMountedAtAnotherPathIsRefusedWithHowToMountIt(@TempDir Path tmp) throws Exception {
        String name = "conops-test-image-" + RUN + "-wrong";
        Path data = dataDir(tmp.resolve("data"));
        // a path that exists only inside the container, so the engine cannot bind it
        String inside = "/tmp/conops-test-elsewhere-" + RUN;
        try {
            run(name, List.of("-v", data + ":" + inside, "-e", "CONOPS_DATA_DIR=" + inside));
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> Docker.run("inspect", "-f", "{{.State.Status}}", name)
                            .equals("exited"));

            assertThat(Docker.run("inspect", "-f", "{{.State.ExitCode}}", name)).isNotEqualTo("0");
            assertThat(Docker.run("logs", name))
                    .contains("CONOPS_DATA_DIR: " + inside + " is not the same directory for the Docker Engine:"
                            + " mount it at the same path inside and outside the container (-v " + inside + ":"
                            + inside + ", as deploy/compose.yaml does)")
                    .doesNotContain("ConOps ready");
            assertThat(Path.of(inside)).as("nothing was made on the host").doesNotExist();
            assertThat(Docker.run("ps", "-aq", "--filter", "label=conops.mount-check"))
                    .as("the check's container is gone")
                    .isEmpty();
        } finally {
            remove(name);
        }
    }

    /** A data directory the image's user owns, as the README's install step makes it. */
    private static Path dataDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setAttribute(dir, "unix:uid", IMAGE_UID);
        Files.setAttribute(dir, "unix:gid", IMAGE_UID);
        return dir;
    }

    /** Starts the image detached with the socket (and its group) and the admin token. */
    private static void run(String name, List<String> extra) throws IOException {
        Path socket = Path.of("/var/run/docker.sock");
        List<String> args = new ArrayList<>(List.of(
                "run",
                "-d",
                "--name",
                name,
                "--label",
                "conops.test=" + name,
                "--group-add",
                String.valueOf(Files.getAttribute(socket, "unix:gid")),
                "-v",
                socket + ":" + socket,
                "-e",
                "CONOPS_ADMIN_TOKEN=" + TestServer.TOKEN));
        args.addAll(extra);
        args.add(IMAGE);
        Docker.run(args.toArray(String[]::new));
    }

    private static String health(String name) {
        return Docker.run(
                "inspect",
                "-f",
                "{{if eq .State.Status \"running\"}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}",
                name);
    }

    private static void remove(String name) {
        try {
            Docker.run("rm", "-f", name);
        } catch (IllegalStateException e) {
            // never started
        }
    }

    private static HttpResponse<String> call(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TestServer.TOKEN)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
