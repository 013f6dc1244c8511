package io.conops.server.engine;

import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;
import io.conops.core.app.EngineAddress;
import io.conops.server.system.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A remote Docker Engine's socket forwarded to a local one by OpenSSH ({@code ssh -N -L
 * local.sock:/var/run/docker.sock}), so docker-java and the Compose CLI both reach it as a unix
 * socket. OpenSSH checks the host key against ConOps' known_hosts strictly and uses only the app's
 * key, written 0600 into the engine's folder in the data directory. The tunnel is started when first
 * needed and again after it died; after a failure it is not tried again for a while, so an engine
 * that is down costs no process per look.
 */
final class SshTunnel implements AutoCloseable {
    /** Where Docker listens on the remote host by default. */
    static final String REMOTE_SOCKET = "/var/run/docker.sock";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final EngineAddress address;
    private final String key;
    private final Path dir;
    private final Path knownHosts;
    private final Clock clock;
    private final SshForwards forwards;
    private Process process;
    private ConopsException lastFailure;
    private Instant failedAt;

    SshTunnel(EngineAddress address, String key, Path dir, Path knownHosts, Clock clock, SshForwards forwards) {
        this.address = address;
        this.key = key;
        this.dir = dir;
        this.knownHosts = knownHosts;
        this.clock = clock;
        this.forwards = forwards;
    }

    /** The local socket that leads to the remote engine. */
    Path socket() {
        return dir.resolve("docker.sock");
    }

    /**
     * Makes sure the tunnel is up.
     *
     * @throws ConopsException with {@link ConditionType#ENGINE_UNREACHABLE} when SSH cannot open it
     */
    synchronized void ensure() {
        if (process != null && process.isAlive() && Files.exists(socket())) {
            return;
        }
        if (lastFailure != null && clock.instant().isBefore(failedAt.plus(RETRY_AFTER))) {
            throw lastFailure;
        }
        stop();
        try {
            start();
            lastFailure = null;
        } catch (ConopsException e) {
            stop();
            lastFailure = e;
            failedAt = clock.instant();
            throw e;
        }
    }

    private void start() {
        Path log = dir.resolve("ssh.log");
        try {
            SecureFiles.createPrivateDirectories(dir);
            SecureFiles.writeAtomically(dir.resolve("id"), (key.strip() + "\n").getBytes(StandardCharsets.UTF_8));
            SecureFiles.writeAtomically(dir.resolve("ssh_config"), config().getBytes(StandardCharsets.UTF_8));
            Files.deleteIfExists(socket());
            process = new ProcessBuilder(command())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            forwards.started(process.pid(), command());
            process.getOutputStream().close();
        } catch (IOException e) {
            throw unreachable("cannot start ssh: " + e.getMessage());
        }
        Instant deadline = clock.instant().plus(START_TIMEOUT);
        while (!Files.exists(socket())) {
            if (!process.isAlive()) {
                throw unreachable(lastLine(log));
            }
            if (clock.instant().isAfter(deadline)) {
                throw unreachable("ssh did not open the tunnel within " + START_TIMEOUT.toSeconds() + "s");
            }
            try {
                Thread.sleep(50); // waiting on another process: there is nothing to be told by
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable("interrupted");
            }
        }
    }

    List<String> command() {
        return List.of(
                "ssh",
                "-F",
                dir.resolve("ssh_config").toString(),
                "-N",
                "-L",
                socket() + ":" + REMOTE_SOCKET,
                "conops-engine");
    }

    /** A private config: nothing of the user's ~/.ssh applies, host keys are checked strictly. */
    String config() {
        return String.join(
                "\n",
                "Host conops-engine",
                "  HostName " + address.host(),
                "  Port " + address.port(),
                "  User " + address.user(),
                "  IdentityFile \"" + dir.resolve("id") + "\"",
                "  IdentitiesOnly yes",
                "  IdentityAgent none",
                "  UserKnownHostsFile \"" + knownHosts + "\"",
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking yes",
                "  UpdateHostKeys no",
                "  BatchMode yes",
                "  ExitOnForwardFailure yes",
                "  StreamLocalBindUnlink yes",
                "  StreamLocalBindMask 0177",
                "  ConnectTimeout 10",
                "  ServerAliveInterval 15",
                "  ServerAliveCountMax 3",
                "  LogLevel ERROR",
                "");
    }

    private ConopsException unreachable(String why) {
        return new ConopsException(
                ConditionType.ENGINE_UNREACHABLE,
                "cannot reach the engine at " + address + " over SSH: " + why
                        + (why.contains("Host key verification failed")
                                ? " (add its host key to " + knownHosts + ")"
                                : ""),
                null);
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines =
                    Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty()
                    ? "ssh exited"
                    : String.join("; ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "ssh exited";
        }
    }

    private void stop() {
        if (process != null) {
            process.destroy();
            forwards.stopped(process.pid());
            process = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
