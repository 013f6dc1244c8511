package io.conops.server.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.UnicodeReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * A homelab-gitops repository as a Compose project: {@code gitops/<host>/config.yml} lists the
 * services, {@code gitops/<host>/<service>/manifest.yml} describes each ({@link QuadletManifest}),
 * and the result is written next to them as one compose file, so validation, hashing (a file a
 * service mounts from its folder restarts that service alone), healing and history work unchanged.
 * A service no longer listed is an orphan Compose removes. {@code pre}/{@code post} scripts are not
 * run: running a repository's shell script on the host is not something ConOps does.
 */
final class HomelabGitops {
    /** The generated compose file, in {@code gitops/<host>/}; its folder is the project directory. */
    static final String FILE = ".conops-homelab-gitops.yaml";

    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final int MAX_FILE = 1024 * 1024;

    /**
     * What translating said besides the compose file.
     *
     * @param notes lines for the deployment's transcript
     * @param sopsEnvironments per service with a {@code manifest.sops.yml}, that file relative to the
     *     root: its variables reach the service through an env file the apply writes
     */
    record Result(String composePath, List<String> notes, Map<String, String> sopsEnvironments) {}

    /** The variable names a {@code manifest.sops.yml} (relative to the root) sets; throws naming it. */
    interface SopsNames extends Function<String, Set<String>> {}

    private HomelabGitops() {}

    /**
     * @param sops the names a {@code manifest.sops.yml} sets, to take them out of the manifest's
     *     {@code Environment}: Compose would let those win over the env file holding the secrets
     * @throws SyncFailure naming the file and the field when the repository does not translate
     */
    static Result translate(Path root, String host, JsonMapper json, SopsNames sops) {
        String hostDir = "gitops/" + host;
        Path dir = root.resolve(hostDir);
        Path configFile = dir.resolve("config.yml");
        Map<String, Object> config = load(configFile, hostDir + "/config.yml");
        List<String> notes = new ArrayList<>();
        for (String hook : List.of("pre", "post")) {
            if (config.get(hook) != null) {
                notes.add(hostDir + "/config.yml: " + hook + ".script not run (ConOps runs no repository scripts)");
            }
        }
        Map<String, Object> services = map(config.get("services"), hostDir + "/config.yml: services");
        Map<String, Object> composeServices = new TreeMap<>();
        Map<String, Object> volumes = new TreeMap<>(named(config.get("volumes")));
        Map<String, Object> networks = new TreeMap<>(named(config.get("networks")));
        Map<String, String> sopsEnvironments = new TreeMap<>();
        for (String name : services.keySet()) {
            if (!SERVICE_NAME.matcher(name).matches()) {
                throw new SyncFailure(
                        hostDir + "/config.yml: service name '" + name + "' must be letters, digits, '.', '_' and '-'");
            }
            String manifestPath = hostDir + "/" + name + "/manifest.yml";
            Map<String, Map<String, List<String>>> sections =
                    sections(load(root.resolve(manifestPath), manifestPath), manifestPath);
            String sopsPath = hostDir + "/" + name + "/manifest.sops.yml";
            if (Files.exists(root.resolve(sopsPath), LinkOption.NOFOLLOW_LINKS)) {
                withoutSopsNames(sections, sops.apply(sopsPath));
                sopsEnvironments.put(name, sopsPath);
            }
            UnaryOperator<String> template = templates(root, hostDir, name);
            QuadletManifest.Translated t =
                    QuadletManifest.translate(manifestPath, sections, template, services.keySet());
            composeServices.put(name, t.service());
            t.volumes().forEach(v -> volumes.putIfAbsent(v, Map.of("name", v)));
            t.networks().forEach(n -> networks.putIfAbsent(n, Map.of("name", n)));
        }
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("services", composeServices);
        if (!volumes.isEmpty()) {
            project.put("volumes", volumes);
        }
        if (!networks.isEmpty()) {
            project.put("networks", networks);
        }
        try {
            // JSON is YAML: Compose reads it as the project's compose file
            Files.writeString(dir.resolve(FILE), json.writeValueAsString(project));
        } catch (IOException e) {
            throw new SyncFailure("cannot write " + hostDir + "/" + FILE + ": " + e.getMessage(), e);
        }
        return new Result(hostDir + "/" + FILE, notes, Map.copyOf(sopsEnvironments));
    }

    /**
     * A variable the SOPS file sets replaces the manifest's own entry for it (merged by name): the
     * secret value comes from the env file, and Compose lets {@code environment} win over env files.
     */
    private static void withoutSopsNames(Map<String, Map<String, List<String>>> sections, Set<String> names) {
        Map<String, List<String>> container = sections.get("Container");
        if (container == null || !container.containsKey("Environment")) {
            return;
        }
        container.put(
                "Environment",
                container.get("Environment").stream()
                        .filter(e -> !names.contains(e.split("=", 2)[0]))
                        .toList());
    }

    /**
     * The homelab-gitops variables: {@code SERVICE_DIR} and {@code HOST_DIR} as paths relative to the
     * project directory (the stable worktree's, so they do not change between commits), {@code SERVICE},
     * and {@code HASH}, a digest of the service's folder.
     */
    private static UnaryOperator<String> templates(Path root, String hostDir, String service) {
        Map<String, String> values = Map.of("SERVICE_DIR", "./" + service, "HOST_DIR", ".", "SERVICE", service);
        return v -> {
            String out = v;
            for (Map.Entry<String, String> e : values.entrySet()) {
                out = out.replace("${" + e.getKey() + "}", e.getValue());
            }
            if (out.contains("${HASH}")) {
                out = out.replace(
                        "${HASH}", FolderDigest.of(root.resolve(hostDir).resolve(service)));
            }
            return out;
        };
    }

    private static Map<String, Map<String, List<String>>> sections(Map<String, Object> manifest, String name) {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        manifest.forEach((section, keys) -> {
            Map<String, List<String>> fields = new TreeMap<>();
            map(keys, name + ": " + section)
                    .forEach((key, values) -> fields.put(key, strings(values, name, section, key)));
            out.put(section, fields);
        });
        return out;
    }

    private static List<String> strings(Object values, String name, String section, String key) {
        if (!(values instanceof List<?> list)) {
            throw new SyncFailure(name + ": " + section + "." + key + " must be a list, as in homelab-gitops");
        }
        List<String> out = new ArrayList<>();
        for (Object v : list) {
            if (v instanceof Map<?, ?> || v instanceof List<?> || v == null) {
                throw new SyncFailure(name + ": " + section + "." + key + " must list plain values");
            }
            out.add(String.valueOf(v));
        }
        return out;
    }

    /** The top-level volumes or networks of config.yml (Quadlet units by name): declared by that name. */
    private static Map<String, Object> named(Object section) {
        Map<String, Object> out = new TreeMap<>();
        if (section instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> out.put(String.valueOf(k), Map.of("name", String.valueOf(k))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new SyncFailure(what + " must be a mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) value).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Map<String, Object> load(Path file, String name) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new SyncFailure(name + " not found (layout homelab-gitops; a symlink is not followed)");
        }
        try (InputStream in = Files.newInputStream(file);
                Reader reader = new UnicodeReader(in)) {
            if (Files.size(file) > MAX_FILE) {
                throw new SyncFailure(name + " is larger than 1 MB");
            }
            return parse(reader, name);
        } catch (IOException e) {
            throw new SyncFailure("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> parse(Reader text, String name) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(MAX_FILE);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            return map(yaml.load(text), name);
        } catch (YAMLException e) {
            throw new SyncFailure(name + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
