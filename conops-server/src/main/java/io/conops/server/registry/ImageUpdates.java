package io.conops.server.registry;

import io.conops.core.port.EnginePort;
import io.conops.core.reconcile.ObservedContainer;
import io.conops.server.app.AppEntity;
import io.conops.server.app.StoredCredentials;
import io.conops.server.credentials.RegistryCredential;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moving tags, for apps with {@code image_updates}: asks each running image's registry what its tag
 * points at now and compares that digest with the local image's RepoDigests. A difference is
 * reported once per new digest (a redeploy that cannot fetch it does not loop), and the reason is
 * kept for the deployment record.
 */
@Component
public class ImageUpdates {
    private static final Logger log = LoggerFactory.getLogger(ImageUpdates.class);

    private final EnginePort engine;
    private final StoredCredentials credentials;
    private final RegistryClient registry = new RegistryClient(Duration.ofSeconds(10));
    /** app + image → the remote digest a redeploy was already asked for. */
    private final Map<String, String> requested = new ConcurrentHashMap<>();
    /** app + image → the last problem logged, so a registry that stays down is logged once. */
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    private final Map<UUID, String> reasons = new ConcurrentHashMap<>();

    public ImageUpdates(EnginePort engine, StoredCredentials credentials) {
        this.engine = engine;
        this.credentials = credentials;
    }

    /**
     * Compares the app's running images with their registries.
     *
     * @return why the app should be redeployed, when a tag moved to a digest not asked for before
     */
    public Optional<String> check(AppEntity app) {
        TreeSet<String> images = new TreeSet<>();
        for (ObservedContainer c : engine.containers(app.getName())) {
            if (c.image() != null) {
                images.add(c.image());
            }
        }
        List<RegistryCredential> logins = credentials.registriesForPull(app);
        List<String> moved = new ArrayList<>();
        for (String image : images) {
            Optional<ImageRef> parsed = ImageRef.parse(image);
            if (parsed.isEmpty()) {
                continue;
            }
            ImageRef ref = parsed.get();
            List<String> local = engine.forProject(app.getName()).repoDigests(image);
            if (local.isEmpty()) {
                continue; // built or imported here: no registry to follow
            }
            String key = app.getId() + " " + image;
            String remote;
            try {
                remote = registry.digest(ref, login(logins, ref));
                if (problems.remove(key) != null) {
                    log.info("App {}: registry answers again for {}", app.getName(), image);
                }
            } catch (RegistryException e) {
                if (!e.getMessage().equals(problems.put(key, e.getMessage()))) {
                    log.warn("App {}: cannot check {} for updates: {}", app.getName(), image, e.getMessage());
                }
                continue;
            }
            if (local.stream().anyMatch(d -> d.endsWith("@" + remote))) {
                requested.remove(key);
                continue;
            }
            if (remote.equals(requested.put(key, remote))) {
                continue; // already redeployed for this digest; it did not arrive, so do not loop
            }
            moved.add(image + " moved from " + shortest(local, ref) + " to " + remote);
        }
        if (moved.isEmpty()) {
            return Optional.empty();
        }
        String reason = "image update: " + String.join("; ", moved);
        reasons.put(app.getId(), reason);
        log.info("App {}: {}", app.getName(), reason);
        return Optional.of(reason);
    }

    /** The reason of the pending image-update redeploy of the app, once. */
    public Optional<String> takeReason(UUID app) {
        return Optional.ofNullable(reasons.remove(app));
    }

    private static RegistryCredential login(List<RegistryCredential> logins, ImageRef ref) {
        String wanted = key(ref.registry());
        return logins.stream()
                .filter(l -> key(l.registry()).equals(wanted))
                .findFirst()
                .orElse(null);
    }

    private static String key(String registry) {
        String lower = registry.toLowerCase(Locale.ROOT);
        return lower.equals("index.docker.io") || lower.equals("registry-1.docker.io") ? ImageRef.DOCKER_HUB : lower;
    }

    /** The local digest of the same repository, else any. */
    private static String shortest(List<String> local, ImageRef ref) {
        String digest = local.stream()
                .filter(d -> d.contains(ref.repository() + "@"))
                .findFirst()
                .orElse(local.get(0));
        return digest.substring(digest.indexOf('@') + 1);
    }
}
