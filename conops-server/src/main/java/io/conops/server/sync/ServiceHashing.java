package io.conops.server.sync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/** Per-service desired-state hash: the definition (path-independent) plus the image identity. */
final class ServiceHashing {
    private ServiceHashing() {}

    static Map<String, String> hashes(
            JsonMapper json, ComposeModel model, Path projectDir, Function<String, String> imageIdentity) {
        Map<String, String> out = new LinkedHashMap<>();
        String prefix = projectDir.toString();
        model.services().forEach((name, def) -> {
            Object canonical = canonical(def, prefix);
            String text = json.writeValueAsString(canonical) + "\nimage:" + imageIdentity.apply(name);
            out.put(name, sha256(text));
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object canonical(Object v, String prefix) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, val) -> {
                if ("labels".equals(k) && val instanceof Map<?, ?> labels) {
                    Map<String, Object> kept = new TreeMap<>();
                    ((Map<String, Object>) labels).forEach((lk, lv) -> {
                        if (!lk.startsWith("conops.")) kept.put(lk, lv);
                    });
                    sorted.put("labels", kept);
                } else {
                    sorted.put((String) k, canonical(val, prefix));
                }
            });
            return sorted;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(x -> canonical(x, prefix)).toList();
        }
        if (v instanceof String s && (s.equals(prefix) || s.startsWith(prefix + "/"))) {
            return "." + s.substring(prefix.length());
        }
        return v;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
