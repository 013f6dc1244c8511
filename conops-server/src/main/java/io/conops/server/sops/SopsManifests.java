package io.conops.server.sops;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A homelab-gitops {@code manifest.sops.yml}: SOPS-encrypted YAML in the manifest's shape, of
 * which ConOps reads {@code Container.Environment} ({@code NAME=value} entries). Only the variable
 * names go into the generated compose file; the values reach the container through an env file
 * written at apply, as for any SOPS env file, so no plaintext is in the compose file, its hash or
 * the diff. Any other key is refused: it could only be written into the compose file in clear.
 */
@Component
public class SopsManifests {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final SopsPlanner planner;

    SopsManifests(SopsPlanner planner) {
        this.planner = planner;
    }

    /**
     * The variables the file sets, decrypted with the app's identities (the values are dropped).
     *
     * @param file relative to {@code repoRoot}, as the user knows it
     * @throws SopsException naming the file: it does not decrypt or is not in the supported shape
     */
    public Set<String> environmentNames(String app, Path repoRoot, String file) {
        return environment(file, SopsPlanner.decrypt(repoRoot, file, planner.identities(app)))
                .keySet();
    }

    /** Name to value, in file order; a name given twice keeps its last value, as in an env file. */
    static Map<String, Object> environment(String file, Map<String, Object> tree) {
        for (String section : tree.keySet()) {
            if (!section.equals("Container")) {
                throw refused(file, section);
            }
        }
        Map<String, Object> container = SopsDocument.map(tree.getOrDefault("Container", Map.of()));
        if (container == null) {
            throw new SopsException(file + ": Container must be a mapping");
        }
        for (String key : container.keySet()) {
            if (!key.equals("Environment")) {
                throw refused(file, "Container." + key);
            }
        }
        Object entries = container.getOrDefault("Environment", List.of());
        if (!(entries instanceof List<?> list)) {
            throw new SopsException(file + ": Container.Environment must be a list, as in homelab-gitops");
        }
        Map<String, Object> env = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String entry = list.get(i) instanceof String s ? s : null;
            int eq = entry == null ? -1 : entry.indexOf('=');
            if (eq <= 0 || !NAME.matcher(entry.substring(0, eq)).matches()) {
                // the entry itself is never quoted: it is a secret
                throw new SopsException(file + ": Container.Environment entry " + (i + 1) + " is not NAME=value");
            }
            env.remove(entry.substring(0, eq));
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return env;
    }

    private static SopsException refused(String file, String key) {
        return new SopsException(file + ": " + key + " is not supported in a manifest.sops.yml (only"
                + " Container.Environment is: other values would be written into the compose file in clear)");
    }
}
