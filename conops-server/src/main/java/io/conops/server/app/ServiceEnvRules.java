package io.conops.server.app;

import io.conops.core.app.InvalidSpecException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an app's {@code service_envs} may hold. Names are environment variable names; names the
 * Compose CLI reads from its own environment are refused, since the values are also Compose's
 * interpolation variables. Messages name the variable, never quote a value (values are secrets).
 */
final class ServiceEnvRules {
    static final String FIELD = "service_envs";
    static final int MAX_VALUE_BYTES = 32 * 1024;
    static final int MAX_VARIABLES = 100;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Set<String> RESERVED = Set.of("PATH", "HOME", "TMPDIR", "LANG");
    private static final Pattern RESERVED_PREFIX = Pattern.compile("^(DOCKER|COMPOSE|BUILDKIT)_.*");

    private ServiceEnvRules() {}

    static void check(Map<String, String> values) {
        if (values.size() > MAX_VARIABLES) {
            throw new InvalidSpecException(FIELD, "at most " + MAX_VARIABLES + " variables");
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = e.getKey();
            if (!NAME.matcher(name).matches()) {
                throw new InvalidSpecException(
                        FIELD,
                        "'" + printable(name) + "' is not an environment variable name:"
                                + " letters, digits and '_', not starting with a digit, at most 128 characters");
            }
            if (RESERVED.contains(name) || RESERVED_PREFIX.matcher(name).matches()) {
                throw new InvalidSpecException(
                        FIELD + "." + name, "is reserved: the Compose CLI reads it from its own environment");
            }
            String value = e.getValue();
            if (value == null) {
                throw new InvalidSpecException(FIELD + "." + name, "must be a string");
            }
            if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                throw new InvalidSpecException(FIELD + "." + name, "is longer than 32 KiB");
            }
            if (value.indexOf('\0') >= 0) {
                throw new InvalidSpecException(FIELD + "." + name, "must not contain a NUL character");
            }
        }
    }

    /** A wrong name is quoted back, but never with control characters that would break the message. */
    private static String printable(String name) {
        String s = name.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
