package io.conops.core.port;

import io.conops.core.reconcile.ObservedContainer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Observation of the Docker Engine through its API (no subprocesses), and the one change Compose
 * cannot make: removing a container it does not see or would keep (see {@code Strays}).
 */
public interface EnginePort {

    /** Every container of the Compose project, running or not. */
    List<ObservedContainer> containers(String project);

    /**
     * Every Compose project's containers, by project name, in one call: what the periodic compare
     * of all apps reads, instead of one call per app. A project with no container is absent.
     */
    Map<String, List<ObservedContainer>> containersByProject();

    /**
     * Like {@link #containersByProject()}, per engine when apps use several: the projects of an
     * engine that does not answer are named as unreachable and the others are listed. With one
     * engine its failure is thrown, as by {@link #containersByProject()}.
     */
    default EngineListing listing() {
        return new EngineListing(containersByProject(), Map.of());
    }

    /**
     * The engine the project's containers run on, for questions that name no project (images):
     * with one engine, this one.
     */
    default EnginePort forProject(String project) {
        return this;
    }

    /** The local image's id (sha256:…), or null when the image is not present. */
    String imageId(String image);

    /**
     * The registry digests the local image was pulled or pushed as ({@code repo@sha256:…}); empty
     * for an image that is absent or never came from a registry.
     */
    default List<String> repoDigests(String image) {
        return List.of();
    }

    /** True when the image is present locally. */
    default boolean imagePresent(String image) {
        return imageId(image) != null;
    }

    /** The image ids of every container on the engine, running or not, of any project or none. */
    java.util.Set<String> containerImageIds();

    /** The image's tags ({@code repo:tag}); empty for an untagged or absent image. */
    List<String> imageTags(String imageId);

    /**
     * Removes an image reference without force: a tag is untagged (the image goes with its last
     * tag), an untagged image id is removed. False when the engine refuses (in use) or it is gone.
     */
    boolean removeImage(String reference);

    /** Removes the container, running or not, with its anonymous volumes; gone already is fine. */
    void removeContainer(String id);

    /** Restarts a container in place (same id, same volumes): the repair for a failing healthcheck. */
    void restartContainer(String id);

    /**
     * Starts a stopped container in place: the repair for one that was killed or stopped while its
     * definition still matches, without a Compose process.
     */
    void startContainer(String id);

    /**
     * The container's last {@code tail} lines of output (stdout and stderr as they came), then, with
     * {@code follow}, each new line until the container stops or the returned stream is closed. Lines
     * arrive on {@code onLine} from the Engine's thread, without their line break; {@code onEnd} runs
     * once when the output ends, the stream is closed or the Engine fails.
     */
    LogStream logs(String containerId, int tail, boolean follow, Consumer<String> onLine, Runnable onEnd);

    /** A container's output being read: closing it stops the reading (and the following). */
    interface LogStream extends AutoCloseable {
        @Override
        void close();
    }
}
