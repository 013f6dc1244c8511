package io.conops.core.hash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A definition as it is hashed: a copy in which the checkout's absolute path no longer appears and
 * the labels ConOps stamps are gone. {@code compose config} makes every relative path absolute, so
 * without this the same repository checked out elsewhere would hash differently.
 */
final class DefinitionNormaliser {
    private final String dir;
    private final String prefix;

    DefinitionNormaliser(Path projectDir) {
        this.dir = projectDir.toAbsolutePath().normalize().toString();
        this.prefix = dir.endsWith("/") ? dir : dir + "/";
    }

    /** The service definition to hash; the caller's tree is not changed. */
    Map<String, Object> service(Map<String, Object> definition) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) relativise(definition == null ? Map.of() : definition);
        Object labels = copy.get("labels");
        if (labels instanceof Map<?, ?> map) {
            map.keySet().removeIf(StampedLabels.ALL::contains);
        } else if (labels instanceof List<?> list) {
            // Compose prints labels as a map; the list form "key=value" only comes from hand-built trees.
            list.removeIf(l -> l instanceof String s && StampedLabels.ALL.contains(s.split("=", 2)[0]));
        }
        // An override that adds only ConOps' labels leaves an empty map where there was no key at all.
        if (labels instanceof Map<?, ?> map && map.isEmpty() || labels instanceof List<?> list && list.isEmpty()) {
            copy.remove("labels");
        }
        return copy;
    }

    /** A deep copy of {@code tree} with every string under the project directory made relative. */
    Object relativise(Object tree) {
        if (tree instanceof String s) {
            return relativise(s);
        }
        if (tree instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, relativise(v)));
            return copy;
        }
        if (tree instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(relativise(v)));
            return copy;
        }
        return tree;
    }

    private String relativise(String s) {
        if (s.equals(dir)) {
            return ".";
        }
        return s.startsWith(prefix) ? "./" + s.substring(prefix.length()) : s;
    }
}
