package io.conops.server.git;

import io.conops.core.app.InvalidSpecException;
import io.conops.core.port.GitCredentials;
import io.conops.core.port.GitSource;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * The one place that runs network commands (ls-remote, fetch): it applies the app's credentials,
 * the timeout and strict SSH host key checking, and translates failures. Nothing else in the
 * package may call {@code call()} on a {@link TransportCommand}.
 */
final class RemoteCommands {

    /** GitHub's name for token logins; other forges accept any user name with a token. */
    static final String DEFAULT_TOKEN_USER = "x-access-token";

    private final Duration timeout;
    private final Path knownHosts;
    private final Path sshHome;

    RemoteCommands(Duration timeout, Path knownHosts, Path sshHome) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("network timeout must be positive");
        }
        this.timeout = timeout;
        this.knownHosts = knownHosts;
        this.sshHome = sshHome;
    }

    Path knownHosts() {
        return knownHosts;
    }

    /** Runs the command for the app; {@code operation} names it in messages ("ls-remote", "fetch"). */
    <T> T call(TransportCommand<?, T> command, GitSource source, String operation) {
        GitCredentials credentials = source.credentials() == null ? GitCredentials.NONE : source.credentials();
        List<KeyPair> keys = deployKeys(credentials);
        StrictHostKeys hostKeys = new StrictHostKeys(knownHosts);
        try (SshConfig ssh = new SshConfig(keys, hostKeys)) {
            // JGit takes whole seconds; a sub-second timeout must not become "no timeout" (0)
            command.setTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds())));
            if (credentials instanceof GitCredentials.Token token) {
                String user =
                        token.username() == null || token.username().isBlank() ? DEFAULT_TOKEN_USER : token.username();
                command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(user, token.token()));
            }
            command.setTransportConfigCallback(ssh);
            return command.call();
        } catch (GitAPIException | JGitInternalException e) {
            throw GitFailures.network(e, source, operation, hostKeys.rejection(), timeout);
        } catch (GitException e) {
            throw e;
        } catch (RuntimeException e) {
            // JGit has unchecked failures of its own (a dumb-HTTP server, a port out of range): they
            // must end as the app's error like any other, not escape the loop as a stack trace
            throw GitFailures.unexpected(e, source, operation);
        }
    }

    private static List<KeyPair> deployKeys(GitCredentials credentials) {
        if (!(credentials instanceof GitCredentials.DeployKey key)) {
            return List.of();
        }
        try {
            return List.of(DeployKeys.parse(key.privateKey()));
        } catch (InvalidSpecException e) {
            throw new GitException(GitException.Kind.INVALID_DEPLOY_KEY, "the deploy key " + e.reason());
        }
    }

    /** Gives SSH transports their session factory, built on first use so HTTPS and file commands never start an SSH client. */
    private final class SshConfig implements TransportConfigCallback, AutoCloseable {
        private final List<KeyPair> keys;
        private final StrictHostKeys hostKeys;
        private SshdSessionFactory factory;

        SshConfig(List<KeyPair> keys, StrictHostKeys hostKeys) {
            this.keys = keys;
            this.hostKeys = hostKeys;
        }

        @Override
        public void configure(Transport transport) {
            if (transport instanceof SshTransport sshTransport) {
                if (factory == null) {
                    factory = SshSessions.create(keys, hostKeys, sshHome);
                }
                sshTransport.setSshSessionFactory(factory);
            }
        }

        @Override
        public void close() {
            if (factory != null) {
                factory.close();
            }
        }
    }
}
