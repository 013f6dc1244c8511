package io.conops.server.support;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A real registry (Debian's {@code docker-registry}, the CNCF distribution) on 127.0.0.1 with
 * htpasswd auth, and the docker CLI to push into it. Pushes log in with a temporary DOCKER_CONFIG,
 * never the user's own. Everything it tags locally is removed on close.
 */
public final class TestRegistry implements AutoCloseable {
    public static final String BINARY = "/usr/bin/docker-registry";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final String user;
    public final String password;
    public final int port;
    private final Path dir;
    private final Process process;
    private final List<String> tags = new ArrayList<>();

    private TestRegistry(Path dir, String user, String password) throws IOException {
        this.dir = dir;
        this.user = user;
        this.password = password;
        this.port = Docker.freePort();
        Files.createDirectories(dir.resolve("storage"));
        Files.writeString(dir.resolve("htpasswd"), user + ":" + new BCryptPasswordEncoder().encode(password) + "\n");
        Files.writeString(
                dir.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                  secret: conops-test-registry-secret
                auth:
                  htpasswd:
                    realm: conops-test
                    path: %s
                """.formatted(dir.resolve("storage"), port, dir.resolve("htpasswd")));
        process = new ProcessBuilder(BINARY, "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        Instant deadline = Instant.now().plusSeconds(20);
        while (status("/v2/") != 401) {
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                close();
                throw new IllegalStateException("docker-registry did not start; see " + dir.resolve("registry.log"));
            }
            sleep(100);
        }
    }

    /** Starts a registry, or skips the test where none is installed (fails with CI=true). */
    public static TestRegistry start(Path dir, String user, String password) throws IOException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(BINARY + " is missing; scripts/provision.sh installs it");
            }
            assumeTrue(false, "docker-registry is not installed; scripts/provision.sh installs it");
        }
        return new TestRegistry(dir, user, password);
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    /** Tags a local image as host/repository:tag and pushes it, logged in with a throwaway client config. */
    public String push(String localImage, String repository, String tag) {
        String ref = host() + "/" + repository + ":" + tag;
        Docker.run("tag", localImage, ref);
        tags.add(ref);
        Path config = dir.resolve("client-config");
        docker(config, password + "\n", "login", host(), "--username", user, "--password-stdin");
        docker(config, null, "push", ref);
        return ref;
    }

    /** A new image from {@code base} with one more environment variable: a different digest. */
    public String changedImage(String base, String ref, String value) {
        String container = Docker.run("create", "--label", "conops-test=image", base, "true");
        try {
            Docker.run("commit", "--change", "ENV CONOPS_TEST_VERSION=" + value, container, ref);
            tags.add(ref);
            return ref;
        } finally {
            Docker.run("rm", "-f", container);
        }
    }

    /** Points {@code toTag} at {@code fromTag}'s manifest inside the registry, as a push from elsewhere would. */
    public void retag(String repository, String fromTag, String toTag) throws IOException, InterruptedException {
        String auth =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        String type = "application/vnd.docker.distribution.manifest.v2+json";
        HttpResponse<byte[]> manifest = HTTP.send(
                HttpRequest.newBuilder(url("/v2/" + repository + "/manifests/" + fromTag))
                        .header("Authorization", auth)
                        .header("Accept", type)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (manifest.statusCode() != 200) {
            throw new IllegalStateException("GET manifest " + fromTag + ": HTTP " + manifest.statusCode());
        }
        String contentType = manifest.headers().firstValue("Content-Type").orElse(type);
        HttpResponse<String> put = HTTP.send(
                HttpRequest.newBuilder(url("/v2/" + repository + "/manifests/" + toTag))
                        .header("Authorization", auth)
                        .header("Content-Type", contentType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201) {
            throw new IllegalStateException("PUT manifest " + toTag + ": HTTP " + put.statusCode() + " " + put.body());
        }
    }

    /** Forgets a local tag (the image stays while something else uses it). */
    public void untag(String ref) {
        Docker.run("rmi", ref);
        tags.remove(ref);
    }

    public static void untagIfPresent(String ref) {
        try {
            Docker.run("rmi", "-f", ref);
        } catch (IllegalStateException absent) {
            // nothing to remove
        }
    }

    private int status(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(url(path))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private URI url(String path) {
        return URI.create("http://" + host() + path);
    }

    private static void docker(Path config, String stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "--config", config.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("docker " + args[0] + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes every local tag and digest reference of this registry's images (pulls by ConOps included). */
    public void forgetLocalImages() {
        String listed = Docker.run("images", "--digests", "--format", "{{.Repository}} {{.Tag}} {{.Digest}}");
        for (String line : listed.isEmpty() ? new String[0] : listed.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].startsWith(host() + "/")) {
                if (!f[1].equals("<none>")) {
                    untagIfPresent(f[0] + ":" + f[1]);
                }
                if (!f[2].equals("<none>")) {
                    untagIfPresent(f[0] + "@" + f[2]);
                }
            }
        }
    }

    @Override
    public void close() {
        for (String ref : List.copyOf(tags)) {
            untagIfPresent(ref);
        }
        try {
            forgetLocalImages();
        } catch (IllegalStateException e) {
            // the engine is gone; nothing left to clean
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
