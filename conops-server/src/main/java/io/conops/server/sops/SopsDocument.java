package io.conops.server.sops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A SOPS-encrypted file as read: its tree (document order kept, for the MAC) and its {@code sops}
 * metadata. Dotenv files keep the metadata flattened in {@code sops_*} keys; they are unflattened
 * here into the same shape as YAML's and JSON's {@code sops} map.
 *
 * @param tree the data without the metadata: values are String, Long, Double, Boolean, maps and lists
 */
public record SopsDocument(SopsFormat format, Map<String, Object> tree, Map<String, Object> metadata) {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DOTENV_PREFIX = "sops_";

    /** The document when the content carries SOPS metadata with a MAC; empty for any other file. */
    public static Optional<SopsDocument> read(String fileName, byte[] content) {
        SopsFormat format = SopsFormat.of(fileName);
        String text = new String(content, StandardCharsets.UTF_8);
        Map<String, Object> all = switch (format) {
            case DOTENV -> dotenv(text);
            case JSON -> json(content);
            case YAML -> yaml(text);
        };
        if (all == null) {
            return Optional.empty();
        }
        Map<String, Object> tree = new LinkedHashMap<>(all);
        Map<String, Object> metadata = format == SopsFormat.DOTENV ? dotenvMetadata(tree) : map(tree.remove("sops"));
        if (metadata == null || !(metadata.get("mac") instanceof String)) {
            return Optional.empty();
        }
        return Optional.of(new SopsDocument(format, tree, metadata));
    }

    /** sops' dotenv store: {@code KEY=VALUE} lines, {@code \n} for a line break, {@code #} comments. */
    static Map<String, Object> dotenv(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                return null; // not a dotenv file
            }
            out.put(line.substring(0, eq), line.substring(eq + 1).replace("\\n", "\n"));
        }
        return out;
    }

    private static Map<String, Object> json(byte[] content) {
        try {
            return map(JSON.readValue(content, LinkedHashMap.class));
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Map<String, Object> yaml(String text) {
        try {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
        } catch (RuntimeException e) {
            return null; // not YAML, or not a mapping: not a SOPS file
        }
    }

    /** Takes the {@code sops_} keys out of a dotenv tree and rebuilds the map they flatten. */
    private static Map<String, Object> dotenvMetadata(Map<String, Object> tree) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        var it = tree.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().startsWith(DOTENV_PREFIX)) {
                it.remove();
                unflatten(metadata, e.getKey().substring(DOTENV_PREFIX.length()), e.getValue());
            }
        }
        return metadata.isEmpty() ? null : metadata;
    }

    /** {@code age__list_0__map_enc} is {@code age[0].enc}, as sops' flatten.go writes it. */
    private static void unflatten(Map<String, Object> root, String key, Object value) {
        List<Object> path = new ArrayList<>();
        for (String part : key.split("__")) {
            if (!path.isEmpty() && part.startsWith("list_")) {
                path.add(Integer.valueOf(part.substring("list_".length())));
            } else {
                path.add(!path.isEmpty() && part.startsWith("map_") ? part.substring("map_".length()) : part);
            }
        }
        Object node = root;
        for (int i = 0; i < path.size() && node != null; i++) {
            boolean last = i == path.size() - 1;
            Object fresh =
                    last ? value : path.get(i + 1) instanceof Integer ? new ArrayList<>() : new LinkedHashMap<>();
            node = child(node, path.get(i), fresh);
        }
    }

    /** The child at {@code step}, created as {@code fresh} when absent; null when the shapes disagree. */
    @SuppressWarnings("unchecked")
    private static Object child(Object node, Object step, Object fresh) {
        if (node instanceof Map<?, ?> m && step instanceof String k) {
            return ((Map<String, Object>) m).computeIfAbsent(k, x -> fresh);
        }
        if (node instanceof List<?> l && step instanceof Integer index) {
            List<Object> list = (List<Object>) l;
            while (list.size() <= index) {
                list.add(null);
            }
            if (list.get(index) == null) {
                list.set(index, fresh);
            }
            return list.get(index);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (!(o instanceof Map<?, ?> m) || !m.keySet().stream().allMatch(String.class::isInstance)) {
            return null;
        }
        return (Map<String, Object>) m;
    }

    @Override
    public String toString() {
        return "SopsDocument[" + format + ", keys=" + tree.keySet() + "]";
    }
}
