package io.conops.server.swarm;

import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * DockerOps' {@code secrets.yaml} beside a stack's compose file: a list of {@code - secret: NAME}
 * ({@code id} is the same) with {@code env: VARIABLE}, each an existing Swarm secret to expose to
 * every service of the stack as that environment variable.
 */
public final class SecretsYaml {
    public static final String FILE = "secrets.yaml";
    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** Swarm's own rule for object names. */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private static final long MAX_BYTES = 64 * 1024;

    /** One variable read from one Swarm secret. */
    public record EnvSecret(String secret, String env) {}

    private SecretsYaml() {}

    /** The entries of {@code dir/secrets.yaml}; none when there is no such file. */
    public static List<EnvSecret> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (Files.isSymbolicLink(file)) {
            // a link could point anywhere on the host ConOps runs on
            throw invalid("is a symbolic link; it must be a file of the repository");
        }
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Object tree;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw invalid("is larger than 64 KiB");
            }
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                tree = new Yaml(new SafeConstructor(options)).load(r);
            }
        } catch (IOException | YAMLException e) {
            throw invalid(
                    "cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (tree == null) {
            return List.of();
        }
        if (!(tree instanceof List<?> list)) {
            throw invalid("must be a list of `- secret: NAME` / `env: VARIABLE` entries");
        }
        Map<String, EnvSecret> byEnv = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            EnvSecret e = entry(list.get(i), i + 1);
            if (byEnv.put(e.env(), e) != null) {
                throw invalid("entry " + (i + 1) + ": env " + e.env() + " is given twice");
            }
        }
        return new ArrayList<>(byEnv.values());
    }

    private static EnvSecret entry(Object item, int n) {
        if (!(item instanceof Map<?, ?> m)) {
            throw invalid("entry " + n + " must be a mapping with secret and env");
        }
        for (Object key : m.keySet()) {
            if (!List.of("secret", "id", "env").contains(String.valueOf(key))) {
                throw invalid("entry " + n + ": unknown field " + key);
            }
        }
        Object secret = m.containsKey("secret") ? m.get("secret") : m.get("id");
        if (m.containsKey("secret") && m.containsKey("id")) {
            throw invalid("entry " + n + ": give secret or id, not both");
        }
        if (!(secret instanceof String s) || !SECRET.matcher(s).matches()) {
            throw invalid("entry " + n + ": secret must be a Swarm secret name");
        }
        if (!(m.get("env") instanceof String env) || !ENV.matcher(env).matches()) {
            throw invalid("entry " + n + ": env must be an environment variable name");
        }
        return new EnvSecret(s, env);
    }

    private static ConopsException invalid(String why) {
        return new ConopsException(ConditionType.INVALID_COMPOSE, FILE + " " + why, null);
    }
}
