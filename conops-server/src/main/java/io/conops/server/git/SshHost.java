package io.conops.server.git;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.transport.URIish;

/**
 * An SSH server as known_hosts names it: {@code host} on port 22, {@code [host]:port} otherwise.
 * Used to tell users exactly which line to add when a host key is unknown or changed.
 */
record SshHost(String host, int port) {

    static final int DEFAULT_PORT = 22;

    /** The SSH host of a repository URL, for both {@code ssh://user@host:port/path} and {@code user@host:path}. */
    static Optional<SshHost> of(String url) {
        try {
            URIish uri = new URIish(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean ssh = scheme.isEmpty() ? uri.getHost() != null : scheme.contains("ssh");
            if (!ssh) {
                return Optional.empty();
            }
            return Optional.of(new SshHost(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Parses the known_hosts form back ({@code host} or {@code [host]:port}). */
    static SshHost parse(String pattern) {
        if (pattern.startsWith("[")) {
            int close = pattern.indexOf("]:");
            if (close > 0) {
                return new SshHost(pattern.substring(1, close), Integer.parseInt(pattern.substring(close + 2)));
            }
        }
        return new SshHost(pattern, DEFAULT_PORT);
    }

    String pattern() {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    /** The command that appends this host's keys to a known_hosts file. */
    String keyscan(Path knownHosts) {
        String portOption = port == DEFAULT_PORT ? "" : "-p " + port + " ";
        return "ssh-keyscan " + portOption + host + " >> " + knownHosts;
    }
}
