package io.conops.core.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules an app spec's fields obey; each failure names the field by its wire name. */
public final class SpecRules {
    /** Compose's own rule for project names. */
    private static final Pattern PROJECT_NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");

    /** scp-like SSH form: user@host:path. */
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/].*$");

    public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);

    private SpecRules() {}

    public static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("name", "is required");
        }
        if (name.length() > 63) {
            throw new InvalidSpecException("name", "must be at most 63 characters");
        }
        if (!PROJECT_NAME.matcher(name).matches()) {
            throw new InvalidSpecException(
                    "name",
                    "must be a Compose project name: lowercase letters, digits, '-' and '_', starting with a letter or digit");
        }
    }

    /**
     * Names a new app may not take: the web UI's own pages sit where an app's page would
     * ({@code /ui/apps/new} registers an app). Checked when an app is registered, not when a stored
     * one is read, so an app registered before a name was reserved keeps working through the API.
     */
    public static final Set<String> RESERVED_NAMES = Set.of("new");

    /** {@link #checkName} and not reserved: the rule for the name of an app being registered. */
    public static void checkNewName(String name) {
        checkName(name);
        if (RESERVED_NAMES.contains(name)) {
            throw new InvalidSpecException(
                    "name", "'" + name + "' is reserved: /ui/apps/" + name + " is a page of the web UI");
        }
    }

    public static void checkRepoUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidSpecException("repo_url", "is required");
        }
        if (url.length() > 2048 || url.chars().anyMatch(c -> c <= ' ')) {
            throw new InvalidSpecException("repo_url", "must be a URL without spaces or control characters");
        }
        if (SCP_LIKE.matcher(url).matches()) {
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null) {
                throw new InvalidSpecException(
                        "repo_url", "must be an https://, http://, ssh://, git@host:path or file:// URL");
            }
            switch (scheme) {
                case "https", "http", "ssh" -> {
                    if (uri.getHost() == null) {
                        throw new InvalidSpecException("repo_url", "has no host");
                    }
                    if (uri.getPort() == 0 || uri.getPort() > 65535) {
                        throw new InvalidSpecException(
                                "repo_url", "has port " + uri.getPort() + "; a port is a number from 1 to 65535");
                    }
                }
                case "file" -> {
                    if (uri.getPath() == null || uri.getPath().isEmpty()) {
                        throw new InvalidSpecException("repo_url", "has no path");
                    }
                }
                default ->
                    throw new InvalidSpecException(
                            "repo_url", "scheme '" + scheme + "' is not supported; use https, http, ssh or file");
            }
        } catch (URISyntaxException e) {
            throw new InvalidSpecException("repo_url", "is not a valid URL: " + e.getReason());
        }
    }

    public static boolean isFileUrl(String url) {
        return url != null && url.regionMatches(true, 0, "file:", 0, 5);
    }

    /** Git's ref-name rules, as far as they matter for a branch a user types. */
    public static void checkBranch(String branch) {
        if (branch == null || branch.isBlank()) {
            throw new InvalidSpecException("branch", "must not be empty");
        }
        if (branch.length() > 255
                || branch.startsWith("-")
                || branch.startsWith("/")
                || branch.endsWith("/")
                || branch.endsWith(".")
                || branch.endsWith(".lock")
                || branch.contains("..")
                || branch.contains("//")
                || branch.contains("@{")
                || branch.chars().anyMatch(c -> c <= ' ' || c == 127 || "~^:?*[\\".indexOf(c) >= 0)
                || !wellFormed(branch)) {
            throw new InvalidSpecException("branch", "is not a valid Git branch name");
        }
    }

    /** No unpaired UTF-16 surrogate: such a string has no UTF-8 form, as a file name or a Git ref needs. */
    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static void checkComposePath(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidSpecException("compose_path", "must not be empty");
        }
        if (path.length() > 1024 || path.chars().anyMatch(c -> c < ' ' || c == 127)) {
            throw new InvalidSpecException("compose_path", "contains control characters or is too long");
        }
        if (!wellFormed(path)) {
            // a lone UTF-16 surrogate has no file name: it failed only later, when the app was deleted
            throw new InvalidSpecException("compose_path", "is not valid Unicode text");
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            throw new InvalidSpecException("compose_path", "must be relative to the repository root");
        }
        for (String part : path.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new InvalidSpecException("compose_path", "must stay inside the repository: '..' is not allowed");
            }
        }
        if (path.endsWith("/")) {
            throw new InvalidSpecException("compose_path", "must name a file, not a directory");
        }
    }

    /**
     * The folder of per-host overlays, relative to the repository root; empty turns overlays off.
     * Checked like compose_path: the overlay is copied over the checkout, so it must stay inside it.
     */
    public static void checkOverlayDir(String dir) {
        if (dir == null) {
            throw new InvalidSpecException("overlay_dir", "must be a folder such as hosts, or \"\" for no overlays");
        }
        if (dir.isEmpty()) {
            return;
        }
        if (dir.length() > 255 || dir.chars().anyMatch(c -> c < ' ' || c == 127) || !wellFormed(dir)) {
            throw new InvalidSpecException("overlay_dir", "contains control characters or is too long");
        }
        if (dir.startsWith("/") || dir.startsWith("\\") || dir.matches("^[A-Za-z]:.*")) {
            throw new InvalidSpecException("overlay_dir", "must be relative to the repository root");
        }
        for (String part : dir.split("[/\\\\]")) {
            if (part.equals("..") || part.equals(".") || part.isEmpty()) {
                throw new InvalidSpecException(
                        "overlay_dir",
                        "must be a plain folder path inside the repository ('..', '.' and '//' are not allowed)");
            }
        }
    }

    public static void checkPollInterval(Duration interval) {
        if (interval == null) {
            throw new InvalidSpecException("poll_interval", "is required");
        }
        if (interval.compareTo(MIN_POLL_INTERVAL) < 0) {
            throw new InvalidSpecException("poll_interval", "must be at least 1s");
        }
        if (interval.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidSpecException("poll_interval", "must be at most 24h");
        }
    }
}
