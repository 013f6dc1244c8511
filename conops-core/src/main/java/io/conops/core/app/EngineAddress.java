package io.conops.core.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an app's containers run: the {@code docker_host} of its spec. Null or empty is the local
 * engine (ConOps' own DOCKER_HOST); {@code unix:///path} a socket on this machine (a Podman API
 * socket, another dockerd); {@code ssh://user@host[:port]} the Docker Engine of another machine,
 * reached through OpenSSH with the app's {@code docker_ssh_key} and the known_hosts ConOps trusts;
 * {@code tcp://host[:port]} a Docker Engine listening on TCP, spoken to only over mutual TLS with
 * the app's {@code docker_tls_*} material.
 *
 * @param scheme {@code unix}, {@code ssh} or {@code tcp}
 * @param path the socket, for unix
 * @param user the SSH user, for ssh
 * @param host the SSH or TCP host, for ssh and tcp
 * @param port the SSH port (22 when not given), for ssh; the TCP port (2376 when not given), for tcp
 */
public record EngineAddress(String scheme, String path, String user, String host, int port) {
    public static final String FIELD = "docker_host";
    private static final int MAX_LENGTH = 1000;
    /** The port Docker's documentation gives a TLS-protected engine. */
    private static final int TLS_PORT = 2376;

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
    // what OpenSSH and the shell would read specially stays out of a socket path
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/@+-]{1,500}");

    /**
     * The address in {@code text}, or null for the local engine.
     *
     * @throws InvalidSpecException naming {@code docker_host} when it is not one ConOps can use
     */
    public static EngineAddress parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("is longer than " + MAX_LENGTH + " characters");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("unix://")) {
            String path = text.substring("unix://".length());
            if (!PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
                throw invalid("unix:// needs an absolute socket path of letters, digits and ._/@+-, e.g."
                        + " unix:///run/podman/podman.sock");
            }
            return new EngineAddress("unix", path, null, null, 0);
        }
        if (lower.startsWith("ssh://")) {
            return ssh(text);
        }
        if (lower.startsWith("tcp://")) {
            return tcp(text);
        }
        throw invalid("must be unix:///path/to.sock, ssh://user@host[:port] or tcp://host[:port] (with TLS)");
    }

    private static EngineAddress ssh(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("is not a valid ssh:// URL: " + e.getReason());
        }
        String user = uri.getRawUserInfo();
        String host = uri.getHost();
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
        if (user == null || !USER.matcher(user).matches()) {
            throw invalid("ssh:// needs a user: ssh://user@host[:port]");
        }
        if (host == null || !HOST.matcher(host).matches() || host.startsWith("-") || !bare) {
            throw invalid("ssh:// needs a host and nothing after it: ssh://user@host[:port]");
        }
        return new EngineAddress("ssh", null, user, host, uri.getPort() == -1 ? 22 : uri.getPort());
    }

    private static EngineAddress tcp(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("is not a valid tcp:// URL: " + e.getReason());
        }
        String host = uri.getHost();
        boolean bare = uri.getRawUserInfo() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
        if (host == null || !HOST.matcher(host).matches() || host.startsWith("-") || !bare) {
            throw invalid("tcp:// needs a host, an optional port and nothing else: tcp://host[:port]");
        }
        return new EngineAddress("tcp", null, null, host, uri.getPort() == -1 ? TLS_PORT : uri.getPort());
    }

    public boolean isSsh() {
        return scheme.equals("ssh");
    }

    public boolean isTcp() {
        return scheme.equals("tcp");
    }

    /** The address as given to the Docker CLI and shown in the API. */
    @Override
    public String toString() {
        if (isTcp()) {
            return "tcp://" + host + ":" + port;
        }
        return isSsh() ? "ssh://" + user + "@" + host + (port == 22 ? "" : ":" + port) : "unix://" + path;
    }

    private static InvalidSpecException invalid(String message) {
        return new InvalidSpecException(FIELD, message);
    }
}
