package io.conops.core.app;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One repository's URL in the form all its spellings share, so that the URLs a webhook names can
 * be matched against the apps' {@code repo_url}: the https, ssh and scp-like forms of a repository
 * are equal. The scheme, a user name and the scheme's default port do not count, nor do a trailing
 * slash or {@code .git}; the host is compared without regard to case, the path as written (Git
 * servers differ on whether its case matters).
 */
public final class RepoUrls {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)");
    /** Git's scp-like form, {@code [user@]host:path}; a slash before the colon makes it a local path. */
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?(\\[[^\\]/]+\\]|[^@/:\\[\\]]+):(.*)$");

    private RepoUrls() {}

    /** The shared form, e.g. {@code github.com/team/shop}; empty when {@code url} names no repository. */
    public static Optional<String> key(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String u = url.trim();
        if (u.regionMatches(true, 0, "file:", 0, 5)) {
            String rest = u.substring(5);
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                rest = slash < 0 ? "" : rest.substring(slash);
            }
            return path(rest).map(p -> "file:" + p);
        }
        if (u.startsWith("/")) {
            return path(u).map(p -> "file:" + p);
        }
        Matcher m = SCHEME.matcher(u);
        if (m.find()) {
            return hostAndPort(m.group(2), defaultPort(m.group(1)))
                    .flatMap(host -> path(m.group(3)).map(p -> host + p));
        }
        Matcher scp = SCP_LIKE.matcher(u);
        if (scp.matches()) {
            return path("/" + scp.group(2)).map(p -> scp.group(1).toLowerCase(Locale.ROOT) + p);
        }
        return Optional.empty();
    }

    /** True when both URLs name the same repository (never for URLs that name none). */
    public static boolean same(String a, String b) {
        Optional<String> k = key(a);
        return k.isPresent() && k.equals(key(b));
    }

    private static int defaultPort(String scheme) {
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "https" -> 443;
            case "http" -> 80;
            case "git" -> 9418;
            default -> 22; // ssh, git+ssh, ssh+git
        };
    }

    /** {@code user@host:port} to {@code host} or {@code host:port} when the port is not the default. */
    private static Optional<String> hostAndPort(String authority, int defaultPort) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort;
        String port = null;
        if (colon >= 0 && colon > hostPort.lastIndexOf(']')) {
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (port == null || port.isEmpty() || port.equals(String.valueOf(defaultPort))) {
            return Optional.of(host);
        }
        return Optional.of(host + ":" + port);
    }

    /** Single slashes, no trailing slash, no {@code .git}; empty when nothing is left. */
    private static Optional<String> path(String raw) {
        String p = ("/" + raw).replaceAll("/{2,}", "/");
        p = stripTrailingSlashes(p);
        if (p.endsWith(".git")) {
            p = stripTrailingSlashes(p.substring(0, p.length() - 4));
        }
        return p.isEmpty() ? Optional.empty() : Optional.of(p);
    }

    private static String stripTrailingSlashes(String p) {
        int end = p.length();
        while (end > 0 && p.charAt(end - 1) == '/') {
            end--;
        }
        return p.substring(0, end);
    }
}
