package io.conops.server.engine;

import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;
import io.conops.core.port.EngineListing;
import io.conops.core.port.EnginePort;
import io.conops.core.reconcile.ObservedContainer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The loop's {@link EnginePort}, sending each question to the engine of the app it concerns: by
 * project name (the Compose project is named after the app), and for a container by the engine it
 * was last seen on (every container the loop acts on comes from a listing through here). A
 * question about an image goes to the app's engine when asked through {@link #forProject}, else to
 * ConOps' own engine.
 */
class EngineRouter implements EnginePort {
    /** Containers remembered; beyond this the memory starts anew (ids are re-learnt by listing). */
    private static final int MAX_REMEMBERED = 20_000;

    private final Engines engines;
    private final Map<String, Engine> engineOfContainer = new ConcurrentHashMap<>();

    EngineRouter(Engines engines) {
        this.engines = engines;
    }

    @Override
    public List<ObservedContainer> containers(String project) {
        Engine engine = engines.forProject(project).ready();
        return remember(engine, engine.docker().containers(project));
    }

    @Override
    public Map<String, List<ObservedContainer>> containersByProject() {
        EngineListing listing = listing();
        if (!listing.unreachable().isEmpty() && listing.byProject().isEmpty()) {
            throw new ConopsException(
                    ConditionType.ENGINE_UNREACHABLE,
                    listing.unreachable().values().iterator().next(),
                    null);
        }
        return listing.byProject();
    }

    /**
     * One listing per engine in use. An engine's listing counts for its own apps only: two engines
     * may be one daemon reached two ways, and a project seen on the wrong one is not the app's.
     */
    @Override
    public EngineListing listing() {
        Map<String, List<ObservedContainer>> byProject = new HashMap<>();
        Map<String, String> unreachable = new HashMap<>();
        Map<Engine, List<String>> inUse = engines.inUse();
        Set<String> remote = new HashSet<>();
        inUse.forEach((engine, apps) -> {
            if (!engine.isLocal()) {
                remote.addAll(apps);
            }
        });
        inUse.forEach((engine, apps) -> {
            try {
                engine.ready().docker().containersByProject().forEach((project, found) -> {
                    boolean ours = engine.isLocal() ? !remote.contains(project) : apps.contains(project);
                    if (ours) {
                        byProject.put(project, remember(engine, found));
                    }
                });
            } catch (ConopsException e) {
                if (e.condition() != ConditionType.ENGINE_UNREACHABLE) {
                    throw e;
                }
                apps.forEach(app -> unreachable.put(app, e.getMessage()));
            }
        });
        return new EngineListing(byProject, unreachable);
    }

    @Override
    public EnginePort forProject(String project) {
        return engines.forProject(project).ready().docker();
    }

    // image clean-up (CONOPS_IMAGE_CLEANUP) looks after the local engine's images only
    @Override
    public java.util.Set<String> containerImageIds() {
        return engines.local().docker().containerImageIds();
    }

    @Override
    public List<String> imageTags(String imageId) {
        return engines.local().docker().imageTags(imageId);
    }

    @Override
    public boolean removeImage(String reference) {
        return engines.local().docker().removeImage(reference);
    }

    @Override
    public String imageId(String image) {
        return engines.local().docker().imageId(image);
    }

    @Override
    public List<String> repoDigests(String image) {
        return engines.local().docker().repoDigests(image);
    }

    @Override
    public void removeContainer(String id) {
        of(id).removeContainer(id);
        engineOfContainer.remove(id);
    }

    @Override
    public void restartContainer(String id) {
        of(id).restartContainer(id);
    }

    @Override
    public void startContainer(String id) {
        of(id).startContainer(id);
    }

    @Override
    public LogStream logs(String containerId, int tail, boolean follow, Consumer<String> onLine, Runnable onEnd) {
        return of(containerId).logs(containerId, tail, follow, onLine, onEnd);
    }

    private EnginePort of(String containerId) {
        Engine engine = engineOfContainer.getOrDefault(containerId, engines.local());
        return engine.ready().docker();
    }

    private List<ObservedContainer> remember(Engine engine, List<ObservedContainer> found) {
        if (engineOfContainer.size() > MAX_REMEMBERED) {
            engineOfContainer.clear();
        }
        if (!engine.isLocal()) {
            found.forEach(c -> engineOfContainer.put(c.id(), engine));
        }
        return found;
    }
}
