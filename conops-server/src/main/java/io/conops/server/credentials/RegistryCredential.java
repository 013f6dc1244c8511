package io.conops.server.credentials;

import io.conops.core.app.InvalidSpecException;
import java.util.regex.Pattern;

/**
 * A login for one container registry. {@code registry} is {@code host[:port]} as it appears in image
 * references ({@code registry.example.com:5000}, {@code ghcr.io}, {@code docker.io}); no scheme, no path.
 */
public record RegistryCredential(String registry, String username, String password) {
    static final String FIELD = "registry_auth";

    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOST_PORT = Pattern.compile(
            "^(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\\])(?::([0-9]{1,5}))?$");

    public RegistryCredential {
        checkRegistry(registry);
        if (username == null || username.isBlank()) {
            throw new InvalidSpecException(FIELD, "username for registry '" + registry + "' is required");
        }
        // Basic auth splits user:pass at the first colon; a colon in the user name would move the split.
        if (username.indexOf(':') >= 0) {
            throw new InvalidSpecException(FIELD, "username for registry '" + registry + "' must not contain ':'");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidSpecException(FIELD, "password for registry '" + registry + "' is required");
        }
    }

    @Override
    public String toString() {
        return "RegistryCredential[registry=" + registry + ", username=" + username + ", password="
                + Redact.secret(password) + "]";
    }

    private static void checkRegistry(String registry) {
        if (registry == null || registry.isBlank()) {
            throw new InvalidSpecException(FIELD, "registry is required");
        }
        var matcher = HOST_PORT.matcher(registry);
        if (registry.length() > 253 || !matcher.matches()) {
            throw new InvalidSpecException(
                    FIELD,
                    "registry '" + registry
                            + "' must be host[:port] without scheme or path, e.g. registry.example.com:5000");
        }
        String port = matcher.group(1);
        if (port != null && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
            throw new InvalidSpecException(
                    FIELD, "registry '" + registry + "' has port " + port + ", which is not between 1 and 65535");
        }
    }
}
