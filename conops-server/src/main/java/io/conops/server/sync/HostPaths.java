package io.conops.server.sync;

import io.conops.server.system.SandboxProperties;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks the host paths of a rendered model (absolute, interpolated): one inside the checkout must
 * not leave it through a symlink in the repository; one outside it (an explicit host path such as
 * {@code /var/run/docker.sock}, as Compose users need) is allowed unless CONOPS_ALLOWED_HOST_PATHS
 * lists prefixes and none of them holds it.
 */
@Component
class HostPaths {
    private final List<Path> allowed;

    HostPaths(SandboxProperties props) {
        this.allowed = props.allowedHostPaths().stream()
                .map(p -> Path.of(p).normalize())
                .toList();
    }

    /** @throws SyncFailure naming the service, the field and the path */
    void check(Path checkout, ComposeModel model) {
        Path root = checkout.toAbsolutePath().normalize();
        Path realRoot = Checkouts.realPath(root);
        for (Map.Entry<String, String> used : used(model).entrySet()) {
            Path path = Path.of(used.getValue()).normalize();
            if (!path.isAbsolute()) {
                continue;
            }
            if (path.startsWith(root)) {
                Path real = Checkouts.realPath(path);
                if (!real.startsWith(realRoot)) {
                    throw new SyncFailure(used.getKey() + " '" + root.relativize(path)
                            + "' leaves the repository's checkout through a symlink (to " + real + ")");
                }
            } else if (!allowed.isEmpty() && allowed.stream().noneMatch(path::startsWith)) {
                throw new SyncFailure(used.getKey() + " '" + path + "' is outside the host paths this installation"
                        + " allows (CONOPS_ALLOWED_HOST_PATHS)");
            }
        }
    }

    /** "service web volume" -> path, for every host path the model uses. */
    private static Map<String, String> used(ComposeModel model) {
        Map<String, String> out = new LinkedHashMap<>();
        model.services().forEach((name, def) -> {
            for (Object v : list(def.get("volumes"))) {
                if (v instanceof Map<?, ?> m && "bind".equals(m.get("type")) && m.get("source") instanceof String s) {
                    out.put("service " + name + " volume for " + m.get("target"), s);
                }
            }
            Object envFiles = def.get("env_file");
            int j = 0;
            for (Object e : envFiles instanceof String s ? List.of(s) : list(envFiles)) {
                Object p = e instanceof Map<?, ?> m ? m.get("path") : e;
                if (p instanceof String s) {
                    out.put("service " + name + " env_file #" + ++j, s);
                }
            }
            if (def.get("build") instanceof Map<?, ?> b && b.get("context") instanceof String c && !c.contains("://")) {
                out.put("service " + name + " build context", c);
            }
        });
        for (String kind : List.of("configs", "secrets")) {
            if (model.root().get(kind) instanceof Map<?, ?> section) {
                section.forEach((name, def) -> {
                    if (def instanceof Map<?, ?> d && d.get("file") instanceof String f) {
                        out.put(kind + " " + name + " file", f);
                    }
                });
            }
        }
        return out;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
