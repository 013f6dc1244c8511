package io.conops.server.sync;

import io.conops.core.app.ConditionType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * DockerOps' volume files at the repository root, for the compose file of a stack: in
 * {@code volumes.yaml}, {@code - id: config_files, type: binding, path: config} makes a service's
 * {@code config_files:/etc/app} a bind mount of {@code {nfs.yaml path}/config}, where the
 * repository's {@code config} folder is copied before Compose runs; {@code type: volume} makes
 * {@code app_data:/data} the ordinary named volume {@code path}. An id the compose file declares
 * under its own top-level {@code volumes} is its own and left alone. The compose file is rewritten
 * in place (in the scratch export when rendering, in the stable worktree when applying); a service
 * mounting a binding carries a label with the digest of the binding's files, so that a changed file
 * changes its hash and recreates it, as a bind mount inside the checkout would.
 */
final class DockerOpsVolumes {
    static final String DIGEST_LABEL = "conops.bindings-digest";
    private static final long MAX_BYTES = 1024 * 1024;

    /** A binding a rewritten compose file mounts: the repository folder and where it is copied. */
    record Binding(Path source, Path target) {}

    private record Entry(String id, String type, String path) {}

    private DockerOpsVolumes() {}

    /** Rewrites the compose file when it uses ids of {@code volumes.yaml}; the bindings it now mounts. */
    static List<Binding> rewrite(Path root, Path composeFile) {
        Path volumesFile = root.resolve("volumes.yaml");
        if (!Files.isRegularFile(volumesFile)) {
            return List.of();
        }
        Map<String, Object> compose =
                asMap(load(composeFile, composeFile.getFileName().toString()));
        Map<String, Object> declared = asMap(compose.get("volumes"));
        if (!usesUndeclared(compose, declared)) {
            return List.of(); // Compose alone can read it: volumes.yaml, whatever it is, has no say
        }
        Map<String, Entry> entries = entries(volumesFile);
        Map<String, Binding> used = new LinkedHashMap<>();
        Map<String, Object> named = new LinkedHashMap<>();
        Path[] nfs = {null};
        for (Map.Entry<String, Object> service : asMap(compose.get("services")).entrySet()) {
            Map<String, Object> def = asMap(service.getValue());
            if (!(def.get("volumes") instanceof List<?> volumes)) {
                continue;
            }
            List<Object> out = new ArrayList<>();
            StringBuilder digests = new StringBuilder();
            for (Object v : volumes) {
                String source = source(v);
                Entry e =
                        source == null || declared.containsKey(source) || !isName(source) ? null : entries.get(source);
                if (e == null) {
                    out.add(v);
                } else if (e.type().equals("volume")) {
                    named.put(e.id(), new LinkedHashMap<>(Map.of("name", e.path())));
                    out.add(v);
                } else {
                    if (nfs[0] == null) {
                        nfs[0] = nfsPath(root);
                    }
                    Binding b = new Binding(
                            inside(root, e.path()), nfs[0].resolve(e.path()).normalize());
                    used.put(e.id(), b);
                    out.add(bind(v, b.target().toString()));
                    digests.append(e.id())
                            .append('=')
                            .append(digest(b.source()))
                            .append(';');
                }
            }
            def.put("volumes", out);
            if (!digests.isEmpty()) {
                label(def, sha256(digests.toString().getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (used.isEmpty() && named.isEmpty()) {
            return List.of();
        }
        if (!named.isEmpty()) {
            Map<String, Object> top = new LinkedHashMap<>(declared);
            top.putAll(named);
            compose.put("volumes", top);
        }
        write(composeFile, compose);
        return List.copyOf(used.values());
    }

    /** Copies each binding's folder to its target: contents replaced, folders 755, files 644. */
    static void copy(List<Binding> bindings) {
        for (Binding b : bindings) {
            try {
                emptyFolder(b.target());
                try (Stream<Path> files = Files.walk(b.source())) {
                    for (Path from : files.toList()) {
                        Path to = b.target().resolve(b.source().relativize(from).toString());
                        if (Files.isSymbolicLink(from)) {
                            continue; // a link could lead anywhere on this host: not copied
                        }
                        if (Files.isDirectory(from)) {
                            Files.createDirectories(to);
                            Files.setPosixFilePermissions(
                                    to, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                        } else {
                            Files.copy(from, to);
                            Files.setPosixFilePermissions(
                                    to, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                        }
                    }
                }
            } catch (IOException e) {
                throw new SyncFailure(
                        "cannot copy the binding " + b.source().getFileName() + " to " + b.target() + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }

    /** The folder's contents go; the folder itself stays (or is made), keeping running mounts valid. */
    private static void emptyFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.toList()) {
                io.conops.server.system.Files2.deleteRecursively(child);
            }
        }
    }

    private static Map<String, Entry> entries(Path volumesFile) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (!(load(volumesFile, "volumes.yaml") instanceof List<?> list)) {
            throw invalid("volumes.yaml must be a list of - id: ..., type: volume|binding, path: ...");
        }
        for (Object item : list) {
            Map<String, Object> m = asMap(item);
            if (!(m.get("id") instanceof String id)
                    || !(m.get("type") instanceof String type)
                    || !(m.get("path") instanceof String path)
                    || !(type.equals("volume") || type.equals("binding"))) {
                throw invalid("volumes.yaml: every entry needs id, type (volume or binding) and path: " + item);
            }
            entries.put(id, new Entry(id, type, path));
        }
        return entries;
    }

    private static Path nfsPath(Path root) {
        Path file = root.resolve("nfs.yaml");
        if (!Files.isRegularFile(file)) {
            throw invalid("volumes.yaml has a binding in use, but there is no nfs.yaml with its path");
        }
        if (!(asMap(load(file, "nfs.yaml")).get("path") instanceof String path)
                || !Path.of(path).isAbsolute()) {
            throw invalid("nfs.yaml: path must be an absolute host path, e.g. path: /mnt/nfs/dockerops");
        }
        return Path.of(path).normalize();
    }

    /** The binding's folder in the repository; refused when it leaves it, by .. or a link. */
    private static Path inside(Path root, String path) {
        Path p = root.resolve(path).normalize();
        if (!p.startsWith(root) || !Checkouts.realPath(p).startsWith(Checkouts.realPath(root))) {
            throw invalid("volumes.yaml: binding path '" + path + "' leaves the repository");
        }
        if (!Files.isDirectory(p)) {
            throw invalid("volumes.yaml: binding path '" + path + "' is not a folder of the repository");
        }
        return p;
    }

    /** A named volume the compose file does not declare: Compose would refuse it, DockerOps maps it. */
    private static boolean usesUndeclared(Map<String, Object> compose, Map<String, Object> declared) {
        for (Object service : asMap(compose.get("services")).values()) {
            if (asMap(service).get("volumes") instanceof List<?> volumes) {
                for (Object v : volumes) {
                    String source = source(v);
                    if (source != null && !declared.containsKey(source) && isName(source)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A volume name, not a host path ({@code ./x}, {@code /x}, {@code ~/x}) nor an interpolation. */
    private static boolean isName(String source) {
        return source.matches("[A-Za-z0-9][A-Za-z0-9_.-]*");
    }

    /** The volume's source: before the first colon of the short syntax, or {@code source:}. */
    private static String source(Object volume) {
        if (volume instanceof String s) {
            int colon = s.indexOf(':');
            return colon > 0 ? s.substring(0, colon) : null;
        }
        return volume instanceof Map<?, ?> m && m.get("source") instanceof String s ? s : null;
    }

    private static Object bind(Object volume, String target) {
        if (volume instanceof String s) {
            return target + s.substring(s.indexOf(':'));
        }
        Map<String, Object> m = new LinkedHashMap<>(asMap(volume));
        m.put("type", "bind");
        m.put("source", target);
        m.remove("volume");
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void label(Map<String, Object> def, String digest) {
        Object labels = def.get("labels");
        if (labels instanceof List<?> list) {
            List<Object> l = new ArrayList<>((List<Object>) list);
            l.add(DIGEST_LABEL + "=" + digest);
            def.put("labels", l);
        } else {
            Map<String, Object> m = new LinkedHashMap<>(asMap(labels));
            m.put(DIGEST_LABEL, digest);
            def.put("labels", m);
        }
    }

    /** Over the folder's file names and contents, in a fixed order. */
    private static String digest(Path folder) {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                b.append(folder.relativize(f))
                        .append('\0')
                        .append(sha256(Files.readAllBytes(f)))
                        .append('\n');
            }
        } catch (IOException e) {
            throw invalid("cannot read the binding " + folder.getFileName() + ": " + e.getMessage());
        }
        return sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static Object load(Path file, String shown) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw invalid(shown + " is larger than 1 MiB");
            }
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            return new Yaml(new SafeConstructor(options)).load(Files.readString(file));
        } catch (IOException | YAMLException e) {
            throw invalid(shown + " cannot be read: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static void write(Path file, Map<String, Object> compose) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        try {
            Files.writeString(file, new Yaml(new Representer(options), options).dump(compose));
        } catch (IOException e) {
            throw new SyncFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    private static SyncFailure invalid(String message) {
        return new SyncFailure(ConditionType.INVALID_COMPOSE, message);
    }
}
