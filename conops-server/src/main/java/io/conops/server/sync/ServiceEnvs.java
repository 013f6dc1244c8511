package io.conops.server.sync;

import io.conops.core.hash.SecretInputs;
import io.conops.server.app.AppEntity;
import io.conops.server.app.StoredCredentials;
import io.conops.server.credentials.KeyedHash;
import io.conops.server.system.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * An app's {@code service_envs} on their way to Compose, and the rule for which services use them.
 *
 * <p>Every service receives all of them through a generated env file (0600, in the app's data
 * directory, present only while Compose runs), except a service labelled {@value #OPT_OUT_LABEL}
 * {@code "false"}. A service uses a variable when it receives the env file or when its definition
 * interpolates it ({@code ${NAME}}). A service's desired-state hash includes a keyed hash of the
 * names and values it uses, so a changed value recreates exactly those services. (Compose itself
 * recreates every service whose env file content changed, so the two rules must agree.)
 */
@Component
class ServiceEnvs {
    static final String OPT_OUT_LABEL = "conops.service-envs";
    static final String FILE_NAME = "service-envs.env";

    private final StoredCredentials credentials;
    private final KeyedHash keyed;

    ServiceEnvs(StoredCredentials credentials, KeyedHash keyed) {
        this.credentials = credentials;
        this.keyed = keyed;
    }

    /** The app's variables, decrypted for one use; empty when it has none. */
    SortedMap<String, String> of(AppEntity app) {
        return credentials.serviceEnvs(app);
    }

    /** A keyed digest of the whole map, for cache keys: equal maps, equal digests. */
    String digest(Map<String, String> values) {
        return values.isEmpty() ? "" : keyed.of(values);
    }

    /** Whether the service gets the env file: unless it opts out with the label. */
    static boolean receivesFile(Map<String, Object> serviceDef) {
        return !(serviceDef.get("labels") instanceof Map<?, ?> labels
                && "false".equalsIgnoreCase(String.valueOf(labels.get(OPT_OUT_LABEL))));
    }

    /**
     * What each service's hash takes from the variables: null for a service that uses none.
     *
     * @param interpolated per service, the variable names its definition refers to (from the model
     *     before interpolation); consulted only for services that do not receive the env file
     */
    SecretInputs inputs(Map<String, String> values, Map<String, Object> serviceDef, Set<String> interpolated) {
        if (values.isEmpty()) {
            return null;
        }
        SortedMap<String, String> used = new TreeMap<>();
        if (receivesFile(serviceDef)) {
            used.putAll(values);
        } else {
            values.forEach((k, v) -> {
                if (interpolated.contains(k)) {
                    used.put(k, v);
                }
            });
        }
        return used.isEmpty() ? null : new SecretInputs(keyed::of, keyed.of(used));
    }

    /**
     * The variables a service of a stack receives, by the Compose path's rules: all of them unless it
     * opts out with the label, except the names its own {@code environment:} sets (which wins over
     * the env file in Compose); they still win over the service's own {@code env_file}s.
     *
     * @param renderedDef the service as rendered (its labels)
     * @param ownDef the service before interpolation, where {@code environment:} is still its own
     *     (rendered, it holds the env files' variables too)
     */
    static Set<String> forStack(Set<String> names, Map<String, Object> renderedDef, Map<String, Object> ownDef) {
        if (!receivesFile(renderedDef)) {
            return Set.of();
        }
        Set<String> out = new TreeSet<>(names);
        Object environment = ownDef.get("environment");
        if (environment instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> out.remove(String.valueOf(k)));
        } else if (environment instanceof Iterable<?> list) {
            // the list form: NAME=value, or NAME alone (taken from the deploy's environment)
            list.forEach(e -> out.remove(String.valueOf(e).split("=", 2)[0]));
        }
        return out;
    }

    /** Writes the env file (0600) into {@code appDir}; null when there is nothing to write. */
    Path writeFile(Path appDir, Map<String, String> values) {
        if (values.isEmpty()) {
            return null;
        }
        Path file = appDir.resolve(FILE_NAME);
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(values)
                .forEach((k, v) -> sb.append(k).append("=\"").append(quote(v)).append("\"\n"));
        try {
            Files.createDirectories(appDir);
            SecureFiles.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SyncFailure("cannot write the service_envs file in " + appDir + ": " + e.getMessage(), e);
        }
        return file;
    }

    void deleteFile(Path appDir) {
        try {
            Files.deleteIfExists(appDir.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new SyncFailure("cannot delete the service_envs file in " + appDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A double-quoted value as Compose's env file reader takes it back verbatim: it expands
     * {@code \n}, {@code \r}, {@code \t}, {@code \\}, {@code \"} and {@code \$}, and interpolates an
     * unescaped {@code $}.
     */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '$' -> sb.append("\\$");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The variable names a tree of strings refers to: {@code $NAME} and {@code ${NAME...}}, not {@code $$}. */
    static Set<String> references(Object tree) {
        Set<String> out = new TreeSet<>();
        collect(tree, out);
        return out;
    }

    private static void collect(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                collect(k, out);
                collect(v, out);
            });
        } else if (node instanceof Iterable<?> list) {
            list.forEach(v -> collect(v, out));
        } else if (node instanceof String s) {
            scan(s, out);
        }
    }

    private static void scan(String s, Set<String> out) {
        for (int i = 0; i < s.length() - 1; i++) {
            if (s.charAt(i) != '$') {
                continue;
            }
            char next = s.charAt(i + 1);
            if (next == '$') {
                i++; // an escaped dollar
                continue;
            }
            int start = next == '{' ? i + 2 : i + 1;
            int end = start;
            while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                end++;
            }
            if (end > start) {
                out.add(s.substring(start, end));
            }
        }
    }
}
