package io.conops.core.hash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a service definition names host files: bind-mount sources, env files, and the files behind
 * the top-level configs and secrets it references. Paths as {@code compose config} prints them
 * (absolute); which of them lie in the repository is {@link RepositoryFiles}' business.
 */
final class UsedFiles {
    static final List<String> TOP_LEVEL_KINDS = List.of("configs", "secrets");

    private UsedFiles() {}

    static List<String> paths(Map<String, Object> service, Map<String, Object> model) {
        List<String> paths = new ArrayList<>();
        for (Object volume : list(service.get("volumes"))) {
            if (volume instanceof Map<?, ?> v && "bind".equals(v.get("type")) && v.get("source") instanceof String s) {
                paths.add(s);
            }
        }
        Object envFiles = service.get("env_file");
        for (Object envFile : envFiles instanceof String s ? List.of(s) : list(envFiles)) {
            // Compose 2.24+ prints {"path": ..., "required": ...}; older versions print plain strings.
            Object path = envFile instanceof Map<?, ?> m ? m.get("path") : envFile;
            if (path instanceof String s) {
                paths.add(s);
            }
        }
        for (String kind : TOP_LEVEL_KINDS) {
            for (String name : references(service, kind)) {
                if (topLevel(model, kind, name) instanceof Map<?, ?> def && def.get("file") instanceof String file) {
                    paths.add(file);
                }
            }
        }
        return paths;
    }

    /** The files behind the top-level secrets the service uses. */
    static List<String> secretFiles(Map<String, Object> service, Map<String, Object> model) {
        List<String> files = new ArrayList<>();
        for (String name : references(service, "secrets")) {
            if (topLevel(model, "secrets", name) instanceof Map<?, ?> def && def.get("file") instanceof String file) {
                files.add(file);
            }
        }
        return files;
    }

    /** Names of the top-level configs or secrets the service mounts. */
    static List<String> references(Map<String, Object> service, String kind) {
        List<String> names = new ArrayList<>();
        for (Object ref : list(service.get(kind))) {
            Object source = ref instanceof Map<?, ?> m ? m.get("source") : ref;
            if (source instanceof String s) {
                names.add(s);
            }
        }
        return names;
    }

    static Object topLevel(Map<String, Object> model, String kind, String name) {
        return model != null && model.get(kind) instanceof Map<?, ?> section ? section.get(name) : null;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
