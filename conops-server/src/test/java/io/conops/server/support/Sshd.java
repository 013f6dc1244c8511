package io.conops.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * This machine's own OpenSSH server (Debian's openssh-server), started by the test on loopback
 * ports of its own with a host key and an authorized client key made for it: the way to a second
 * engine over {@code ssh://} that the tests can reach.
 */
public final class Sshd implements AutoCloseable {
    public final List<Integer> ports;
    /** The server's host key line ({@code ssh-ed25519 AAAA…}), for known_hosts. */
    public final String hostKey;

    private final Process process;

    private Sshd(Process process, List<Integer> ports, String hostKey) {
        this.process = process;
        this.ports = ports;
        this.hostKey = hostKey;
    }

    /** Starts sshd on {@code count} free loopback ports, letting in whoever holds {@code clientPublicKey}. */
    public static Sshd start(Path dir, String clientPublicKey, int count) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.createDirectories(Path.of("/run/sshd")); // its privilege-separation directory
        Path hostKey = dir.resolve("host_key");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString())
                .redirectErrorStream(true)
                .start();
        if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen failed");
        }
        Files.writeString(dir.resolve("authorized_keys"), clientPublicKey.strip() + "\n");
        List<Integer> ports = new java.util.ArrayList<>();
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int port = freePort();
            ports.add(port);
            config.append("Port ").append(port).append('\n');
        }
        config.append(String.join(
                "\n",
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowStreamLocalForwarding yes",
                "UsePAM no",
                "PidFile none",
                ""));
        Files.writeString(dir.resolve("sshd_config"), config);
        Process p = new ProcessBuilder(
                        "/usr/sbin/sshd",
                        "-D",
                        "-e",
                        "-f",
                        dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !p.isAlive() || listening(ports));
        if (!p.isAlive()) {
            throw new IllegalStateException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
        }
        String pub = Files.readString(dir.resolve("host_key.pub")).strip();
        String[] parts = pub.split(" ");
        return new Sshd(p, List.copyOf(ports), parts[0] + " " + parts[1]);
    }

    /** A known_hosts line for {@code port} with {@code key}. */
    public static String knownHostsLine(int port, String key) {
        return "[127.0.0.1]:" + port + " " + key + "\n";
    }

    private static boolean listening(List<Integer> ports) {
        for (int port : ports) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                // accepted
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
