package io.conops.server.sops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plans of an app's last applied commits, kept in its data directory (paths and keyed hashes,
 * no plaintext): a heal after a restart recreates a container from the deployed commit without a
 * render, and must still hand Compose the decrypted files.
 */
@Component
class SopsPlans {
    static final String FILE = "sops-plans.json";
    private static final int KEPT = 4;
    /** A field added since a plan was saved reads as its default (false for a flag), not as unreadable. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    Optional<SopsPlan> find(Path appDir, String sha) {
        return Optional.ofNullable(read(appDir).get(sha));
    }

    void save(Path appDir, String sha, SopsPlan plan) throws IOException {
        Map<String, SopsPlan> plans = read(appDir);
        plans.remove(sha);
        plans.put(sha, plan);
        while (plans.size() > KEPT) {
            plans.remove(plans.keySet().iterator().next());
        }
        Files.createDirectories(appDir);
        Path partial = appDir.resolve(FILE + ".partial");
        Files.writeString(partial, JSON.writeValueAsString(plans));
        Files.move(partial, appDir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Map<String, SopsPlan> read(Path appDir) {
        Path file = appDir.resolve(FILE);
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, SopsPlan>>() {});
        } catch (JacksonException e) {
            return new LinkedHashMap<>(); // unreadable: as if none were kept
        }
    }
}
