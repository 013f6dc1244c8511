package io.conops.server.sync;

import io.conops.core.port.ComposePort;
import io.conops.core.port.ComposeResult;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The normalised model {@code docker compose config --format json} printed, as plain maps. */
record ComposeModel(Map<String, Object> root) {

    /**
     * @param composePath named in the message when the output cannot be read
     */
    @SuppressWarnings("unchecked")
    static ComposeModel parse(JsonMapper json, ComposeResult config, String composePath) {
        if (config.stdoutTruncated()) {
            // what was kept is a head and a tail: parsing it would only fail with a misleading message
            throw new SyncFailure("docker compose config printed more than " + ComposePort.STDOUT_LIMIT / (1024 * 1024)
                    + " MiB for " + composePath + "; ConOps reads rendered models up to that size");
        }
        Object tree;
        try {
            tree = json.readValue(config.stdout(), Object.class);
        } catch (JacksonException e) {
            throw new SyncFailure(
                    "cannot read the model docker compose config printed for " + composePath + ": "
                            + e.getOriginalMessage(),
                    e);
        }
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
