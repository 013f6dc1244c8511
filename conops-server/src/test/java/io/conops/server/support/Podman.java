package io.conops.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * Debian's podman as the tests' second engine, through {@code scripts/podman-test.sh} (the private
 * configuration and storage the provisioning script uses). The provisioning script starts its API
 * service on {@link #SOCKET}; a test that stops an engine starts a service of its own.
 */
public final class Podman {
    public static final String SOCKET =
            System.getenv().getOrDefault("CONOPS_TEST_PODMAN_SOCKET", "/run/conops-test-podman.sock");

    private Podman() {}

    /** The provisioned Podman API socket, as an app's docker_host; fails when it is not there. */
    public static String dockerHost() {
        if (!Files.exists(Path.of(SOCKET))) {
            throw new IllegalStateException("no Podman API socket at " + SOCKET
                    + ": run scripts/provision.sh (or set CONOPS_TEST_PODMAN_SOCKET)");
        }
        return "unix://" + SOCKET;
    }

    public static String run(String... args) {
        return Docker.command(script().toString(), args);
    }

    /** A Podman API service of the test's own on {@code socket}; destroy the process to stop it. */
    public static Process startService(Path socket) throws IOException {
        Files.deleteIfExists(socket); // one left by a service that was stopped
        Process p = new ProcessBuilder(script().toString(), "system", "service", "--time=0", "unix://" + socket)
                .redirectErrorStream(true)
                .redirectOutput(
                        socket.resolveSibling(socket.getFileName() + ".log").toFile())
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(socket) || !p.isAlive());
        if (!p.isAlive()) {
            throw new IllegalStateException("podman system service exited: "
                    + Files.readString(socket.resolveSibling(socket.getFileName() + ".log")));
        }
        return p;
    }

    /** IDs of the project's containers for a service on Podman (running or not). */
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

    /** Removes the project's containers and networks from Podman: tests leave nothing behind. */
    public static void purge(String project) {
        String ids = run("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project);
        for (String id : ids.isEmpty() ? new String[0] : ids.split("\\s+")) {
            run("rm", "-f", id);
        }
        String nets = run("network", "ls", "-q", "--filter", "label=com.docker.compose.project=" + project);
        for (String n : nets.isEmpty() ? new String[0] : nets.split("\\s+")) {
            run("network", "rm", "-f", n);
        }
    }

    private static Path script() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts/podman-test.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "scripts/podman-test.sh not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("scripts/podman-test.sh");
    }
}
