package io.conops.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI, as a user at the shell would use it, for arranging and checking tests. */
public final class Docker {
    public static final String IMAGE = "local/busybox:1";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Docker() {}

    public static String run(String... args) {
        return command("docker", args);
    }

    /**
     * Runs {@code program} with {@code args}, both output streams merged; fails on a non-zero exit
     * or after two minutes. Shared by every CLI the tests drive (docker, the Podman wrapper).
     */
    public static String command(String program, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(program);
        cmd.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out.trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** IDs of the project's containers for a service (running or not). */
    public static List<String> containers(String project, String service) {
        String out = run(
                "ps",
                "-aq",
                "--no-trunc",
                "--filter",
                "label=com.docker.compose.project=" + project,
                "--filter",
                "label=com.docker.compose.service=" + service);
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    public static List<String> allContainers(String project) {
        String out = run("ps", "-aq", "--no-trunc", "--filter", "label=com.docker.compose.project=" + project);
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    public static boolean volumeExists(String name) {
        return !run("volume", "ls", "-q", "--filter", "name=^" + name + "$").isEmpty();
    }

    /** Removes every container, network and volume of the project: tests leave nothing behind. */
    public static void purge(String project) {
        for (String id : allContainers(project)) {
            run("rm", "-f", "-v", id);
        }
        String nets = run("network", "ls", "-q", "--filter", "label=com.docker.compose.project=" + project);
        for (String n : nets.isEmpty() ? new String[0] : nets.split("\\s+")) {
            run("network", "rm", n);
        }
        String vols = run("volume", "ls", "-q", "--filter", "label=com.docker.compose.project=" + project);
        for (String v : vols.isEmpty() ? new String[0] : vols.split("\\s+")) {
            run("volume", "rm", "-f", v);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body served at the URL, or null when nothing answers. */
    public static String fetch(String url) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A compose file serving ./site on 127.0.0.1:port with busybox httpd. */
    public static String webCompose(int port) {
        return """
                services:
                  web:
                    image: local/busybox:1
                    init: true
                    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
                    ports: ["127.0.0.1:%d:8080"]
                    volumes:
                      - ./site:/www:ro
                """.formatted(port);
    }
}
