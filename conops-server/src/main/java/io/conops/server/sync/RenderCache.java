package io.conops.server.sync;

import io.conops.core.hash.ServiceFingerprint;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The diff's last render of each app, so asking again while nothing changed starts no export and no
 * {@code docker compose config}: the same commit of the same repository, compose path and project
 * name renders the same model. What the Engine says of the images is not part of that; the caller
 * checks it again on each use. Bounded by the file hashes held, the least recently used go first.
 */
final class RenderCache {
    /** About 50 MB of per-file hashes across all apps. */
    static final long MAX_FILES = 200_000;

    /**
     * What a render is made of, besides the image identities; {@code variables} is the keyed digest of
     * the app's service_envs ("" for none).
     */
    record Key(
            String sha,
            String repoUrl,
            String composePath,
            String project,
            String variables,
            String overlayDir,
            io.conops.core.app.Layout layout) {}

    /**
     * @param images each service's image reference, to ask the Engine again for its identity
     * @param oneShots the services that may exit 0 and stay exited
     * @param overlaid the files a host overlay placed, as the fingerprints name them, with their folder
     */
    record Render(
            Key key,
            SortedMap<String, ServiceFingerprint> fingerprints,
            Map<String, String> images,
            java.util.Set<String> oneShots,
            Map<String, String> overlaid) {
        long files() {
            return fingerprints.values().stream()
                    .mapToLong(f -> f.hasFileHashes() ? f.fileHashes().size() + 1L : 1L)
                    .sum();
        }
    }

    private final LinkedHashMap<UUID, Render> renders = new LinkedHashMap<>(16, 0.75f, true);
    private long files;

    synchronized Optional<Render> get(UUID app, Key key) {
        Render r = renders.get(app);
        return r != null && r.key().equals(key) ? Optional.of(r) : Optional.empty();
    }

    synchronized void put(UUID app, Render render) {
        Render old = renders.put(app, render);
        files += render.files() - (old == null ? 0 : old.files());
        Iterator<Map.Entry<UUID, Render>> eldest = renders.entrySet().iterator();
        while (files > MAX_FILES && renders.size() > 1) {
            Map.Entry<UUID, Render> e = eldest.next();
            if (e.getKey().equals(app)) {
                continue; // the one just asked for stays
            }
            files -= e.getValue().files();
            eldest.remove();
        }
    }
}
