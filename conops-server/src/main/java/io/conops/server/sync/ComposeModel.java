package io.conops.server.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The normalised model {@code docker compose config --format json} printed, as plain maps. */
record ComposeModel(Map<String, Object> root) {

    @SuppressWarnings("unchecked")
    static ComposeModel parse(JsonMapper json, String text) {
        Object tree = json.readValue(text, Object.class);
        if (!(tree instanceof Map<?, ?> m)) {
            throw new SyncFailure("docker compose config printed no model");
        }
        return new ComposeModel((Map<String, Object>) m);
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        Object s = root.get("services");
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (s instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put((String) k, v instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of()));
        }
        return out;
    }

    static String image(Map<String, Object> service) {
        Object i = service.get("image");
        return i instanceof String s ? s : null;
    }

    /** restart absent or "no": the service may run to completion and stay exited. */
    static boolean oneShot(Map<String, Object> service) {
        Object r = service.get("restart");
        return r == null || "no".equals(r) || "\"no\"".equals(r);
    }
}
