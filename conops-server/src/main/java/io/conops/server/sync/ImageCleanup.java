package io.conops.server.sync;

import io.conops.core.port.EnginePort;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppStore;
import io.conops.server.system.ImageProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Images ConOps pulled, and their removal once nothing needs them (CONOPS_IMAGE_CLEANUP=true). A
 * pull is recorded by the image id it brought; after a successful sync, a recorded image that no
 * app's deployment names and no container on the engine uses (ConOps' or anyone's) is removed:
 * its tag untagged (the image goes with its last tag), or the image when it has no tag left. An
 * image ConOps did not pull is never touched, nor one pulled by a sync still in flight.
 */
@Component
class ImageCleanup {
    private static final Logger log = LoggerFactory.getLogger(ImageCleanup.class);

    private final PulledImageRepository pulled;
    private final AppStore store;
    private final DeployedServices deployed;
    private final EnginePort engine;
    private final ImageProperties props;
    private final Clock clock;
    /** Syncs in flight and when they began: what they pulled is not theirs to lose yet. */
    private final Map<UUID, Instant> inFlight = new ConcurrentHashMap<>();

    ImageCleanup(
            PulledImageRepository pulled,
            AppStore store,
            DeployedServices deployed,
            EnginePort engine,
            ImageProperties props,
            Clock clock) {
        this.pulled = pulled;
        this.store = store;
        this.deployed = deployed;
        this.engine = engine;
        this.props = props;
        this.clock = clock;
    }

    void began(UUID app) {
        inFlight.put(app, clock.instant());
    }

    void ended(UUID app) {
        inFlight.remove(app);
    }

    /** The local ids of the images, by reference, before a pull: what the pull did not bring. */
    Map<String, String> before(Iterable<String> images) {
        Map<String, String> ids = new TreeMap<>();
        for (String image : images) {
            String id = engine.imageId(image);
            ids.put(image, id == null ? "" : id);
        }
        return ids;
    }

    /** Records each image whose local id the pull brought (absent before, or another id). */
    void pulled(Map<String, String> before) {
        before.forEach((image, idBefore) -> {
            String now = engine.imageId(image);
            if (now != null && !now.equals(idBefore) && !pulled.existsById(now)) {
                pulled.save(new PulledImageEntity(now, image, clock.instant()));
            }
        });
    }

    /** After a successful sync: removes what ConOps pulled and nothing needs any more. */
    synchronized void sweep() {
        if (!props.imageCleanup()) {
            return;
        }
        Instant oldestInFlight =
                inFlight.values().stream().min(Instant::compareTo).orElse(Instant.MAX);
        Set<String> needed = new HashSet<>(engine.containerImageIds());
        for (AppEntity app : store.all()) {
            deployed.of(app).forEach(s -> needed.add(s.image()));
        }
        for (PulledImageEntity p : pulled.findAll()) {
            if (needed.contains(p.imageId()) || !p.pulledAt().isBefore(oldestInFlight)) {
                continue;
            }
            if (engine.imageId(p.imageId()) == null) {
                pulled.delete(p); // gone already
            } else if (remove(p)) {
                pulled.delete(p);
                log.info("Removed image {} ({}): no app and no container uses it", p.reference(), p.imageId());
            }
        }
    }

    /**
     * Untags the reference it was pulled as while that still names it; an image with no tag left
     * goes by id. One tagged otherwise (by someone else) is theirs now: the record is dropped.
     */
    private boolean remove(PulledImageEntity p) {
        List<String> tags = engine.imageTags(p.imageId());
        if (tags.contains(p.reference()) || tags.contains(p.reference() + ":latest")) {
            return engine.removeImage(p.reference());
        }
        if (tags.isEmpty()) {
            return engine.removeImage(p.imageId());
        }
        pulled.delete(p);
        return false;
    }
}
