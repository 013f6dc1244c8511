package io.conops.server.git;

import io.conops.core.app.RepoUrls;
import io.conops.core.port.GitCredentials;
import io.conops.core.port.GitSource;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.eclipse.jgit.transport.URIish;

/**
 * The directory name of the object store an app's commits are fetched into: one per repository
 * (its URL in the form webhooks match, so {@code https://host/team/shop} and
 * {@code https://host/team/shop.git/} are one) and per way of reaching it (the credentials and the
 * URL's user name). Apps that may fetch the same objects share a store; an app with other
 * credentials gets its own, so a key never lets another app read objects it could not fetch. The
 * credentials count only through a keyed hash: without the installation's key a name cannot be
 * checked against guessed passwords, and the name holds nothing secret. Branches do not count.
 */
final class StoreNames {
    /** What every store's name ends with; an app key (a UUID) never does, so old per-app clones are told apart. */
    static final String SUFFIX = ".git";

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,59}--[0-9a-f]{32}\\.git");

    private static final int READABLE = 60;
    private static final String VERSION = "conops object store v1";

    private final UnaryOperator<String> keyedHash;

    /** @param keyedHash lowercase hex HMAC of a text with the installation's key */
    StoreNames(UnaryOperator<String> keyedHash) {
        this.keyedHash = keyedHash;
    }

    /** {@code <repository, readable>--<32 hex>.git}, e.g. {@code github.com-team-shop--3f….git}. */
    String of(GitSource source) {
        String repository = RepoUrls.key(source.url()).orElse(String.valueOf(source.url()));
        String hash = keyedHash
                .apply(String.join("\0", VERSION, repository, urlLogin(source.url()), secret(source.credentials())))
                .substring(0, 32);
        return readable(repository) + "--" + hash + SUFFIX;
    }

    /** The user name (and password, if any) written into the URL: the server may grant each its own access. */
    private static String urlLogin(String url) {
        try {
            URIish uri = new URIish(url);
            return String.valueOf(uri.getUser()) + "\0" + uri.getPass();
        } catch (URISyntaxException | RuntimeException e) {
            return "";
        }
    }

    private static String secret(GitCredentials credentials) {
        if (credentials instanceof GitCredentials.DeployKey key) {
            return "deploy-key\0" + key.privateKey().strip();
        }
        if (credentials instanceof GitCredentials.Token token) {
            return "token\0" + (token.username() == null ? "" : token.username().strip()) + "\0" + token.token();
        }
        // none (and a source given without credentials, which is then fetched without any)
        return "none";
    }

    private static String readable(String repository) {
        String s = repository.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        s = s.replaceAll("^[^a-z0-9]+", "");
        if (s.length() > READABLE) {
            s = s.substring(s.length() - READABLE).replaceAll("^[^a-z0-9]+", "");
        }
        s = s.replaceAll("[.-]+$", "");
        return s.isEmpty() ? "repo" : s;
    }
}
