package io.conops.server.git;

import io.conops.core.port.GitCredentials;
import io.conops.core.port.GitSource;
import io.conops.server.git.GitException.Kind;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.URIish;

/**
 * Turns JGit and SSH failures into {@link GitException}s whose messages a user can act on.
 * Messages show the URL without credentials, and any library text quoted is scrubbed of the
 * app's token and URL credentials first.
 */
final class GitFailures {

    private static final List<String> AUTH_WORDS = List.of(
            "not authorized",
            "authentication",
            "auth fail",
            "no more authentication methods",
            "permission denied",
            "access denied",
            "401",
            "403");

    private GitFailures() {}

    static GitException network(
            Exception e, GitSource source, String operation, StrictHostKeys.Rejection rejection, Duration timeout) {
        String url = display(source.url());
        if (rejection != null) {
            return new GitException(
                    rejection.changed() ? Kind.HOST_KEY_CHANGED : Kind.HOST_KEY_UNKNOWN, rejection.message(), e);
        }
        if (any(e, NoRemoteRepositoryException.class) || e instanceof InvalidRemoteException) {
            return new GitException(Kind.REPOSITORY_NOT_FOUND, "repository not found: " + url, e);
        }
        String text = text(e, source);
        // InterruptedIOException covers SocketTimeoutException and JGit's own read timeouts
        if (any(e, InterruptedIOException.class)
                || any(e, TimeoutException.class)
                || text.contains("timed out")
                || text.contains("timeout")) {
            return new GitException(
                    Kind.TIMEOUT,
                    operation + " of " + url + " timed out after " + Math.max(1, timeout.toSeconds()) + "s",
                    e);
        }
        if (AUTH_WORDS.stream().anyMatch(text::contains)) {
            return new GitException(
                    Kind.AUTHENTICATION_FAILED,
                    "authentication failed for " + url + ": " + authHint(source.credentials()),
                    e);
        }
        if (any(e, ConnectException.class)
                || any(e, UnknownHostException.class)
                || any(e, NoRouteToHostException.class)
                || any(e, UnresolvedAddressException.class)) {
            return new GitException(Kind.UNREACHABLE, "cannot reach " + url + ": " + scrub(rootMessage(e), source), e);
        }
        if (text.contains("not found") || text.contains("does not exist") || text.contains("not a git repository")) {
            return new GitException(Kind.REPOSITORY_NOT_FOUND, "repository not found: " + url, e);
        }
        return new GitException(Kind.FAILED, operation + " of " + url + " failed: " + scrub(rootMessage(e), source), e);
    }

    /** An unchecked failure inside JGit or the JDK's transports, turned into a message a user can act on. */
    static GitException unexpected(RuntimeException e, GitSource source, String operation) {
        String url = display(source.url());
        if (e instanceof NullPointerException && fromDumbHttp(e)) {
            return new GitException(
                    Kind.FAILED,
                    operation + " of " + url + " failed: the server offers only Git's \"dumb\" HTTP protocol, which"
                            + " ConOps does not support; serve the repository over smart HTTP (git http-backend) or SSH",
                    e);
        }
        if (any(e, IllegalArgumentException.class)) {
            return new GitException(
                    Kind.FAILED, operation + " of " + url + " failed: " + scrub(rootMessage(e), source), e);
        }
        return new GitException(
                Kind.FAILED,
                operation + " of " + url + " failed unexpectedly: "
                        + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + scrub(rootMessage(e), source)),
                e);
    }

    private static boolean fromDumbHttp(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().endsWith(".WalkFetchConnection")
                    || frame.getMethodName().equals("newDumbConnection")) {
                return true;
            }
        }
        return false;
    }

    /** Names the branches the remote has, so a typo is seen at once. */
    static GitException branchNotFound(GitSource source, List<String> branches) {
        String has = branches.isEmpty()
                ? "; the repository has no branches yet"
                : "; it has "
                        + (branches.size() > 20
                                ? String.join(", ", branches.subList(0, 20)) + " and " + (branches.size() - 20)
                                        + " more"
                                : String.join(", ", branches));
        return new GitException(
                Kind.BRANCH_NOT_FOUND, "branch '" + source.branch() + "' not found in " + display(source.url()) + has);
    }

    static GitException commitNotFound(GitSource source, String sha) {
        return new GitException(
                Kind.COMMIT_NOT_FOUND,
                "commit " + sha + " is not on branch '" + source.branch() + "' of " + display(source.url())
                        + " (was the branch force-pushed?)");
    }

    static GitException local(String operation, GitSource source, Exception e) {
        return new GitException(
                Kind.FAILED,
                operation + " for app " + source.appKey() + " failed: " + scrub(rootMessage(e), source),
                e);
    }

    private static String authHint(GitCredentials credentials) {
        if (credentials instanceof GitCredentials.Token) {
            return "check that the token is valid and can read the repository";
        }
        if (credentials instanceof GitCredentials.DeployKey) {
            return "check that the deploy key is added to the repository with read access";
        }
        return "the repository needs credentials: add a deploy key (SSH) or a token (HTTPS)";
    }

    /** The URL as messages show it: HTTP user info can be a token, so it goes entirely; an SSH user name stays. */
    static String display(String url) {
        try {
            URIish uri = new URIish(url).setPass(null);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.startsWith("http")) {
                uri = uri.setUser(null);
            }
            return uri.toString();
        } catch (URISyntaxException | RuntimeException e) {
            return "the repository URL";
        }
    }

    /** Removes the app's secrets from library text before it reaches a message. */
    static String scrub(String text, GitSource source) {
        if (text == null) {
            return "";
        }
        List<String> secrets = new ArrayList<>();
        if (source.credentials() instanceof GitCredentials.Token t && t.token() != null) {
            secrets.add(t.token());
        }
        try {
            URIish uri = new URIish(source.url());
            secrets.add(uri.getPass());
            if (uri.getScheme() != null
                    && uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
                secrets.add(uri.getUser());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // an unparseable URL has nothing we can pick out
        }
        String result = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, "***");
            }
        }
        return result;
    }

    /** All messages of the cause chain, lower case, with the URL taken out so its words do not count. */
    private static String text(Throwable e, GitSource source) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                all.append(t.getMessage()).append('\n');
            }
        }
        return all.toString()
                .replace(source.url(), "")
                .replace(display(source.url()), "")
                .toLowerCase(Locale.ROOT);
    }

    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static boolean any(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
