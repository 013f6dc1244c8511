package io.conops.core.port;

import io.conops.core.swarm.ObservedService;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Observation of a Swarm through the Engine API, and the clean-up {@code docker stack} leaves to us. */
public interface SwarmPort {

    /**
     * Null when the Engine is a swarm manager, else why not (not in a swarm, or a worker): a stack can
     * only be deployed on a manager.
     */
    String notAManager();

    /** The stack's services with their tasks, by the stack's namespace label. */
    List<ObservedService> services(String stack);

    /** The ids of the stack's services, by their name in the compose file. */
    Map<String, String> serviceIds(String stack);

    /**
     * A service's output (every task's stdout and stderr), line by line; {@code onEnd} runs once when
     * it ends. Closing the result stops the reading.
     */
    EnginePort.LogStream serviceLogs(
            String serviceId, int tail, boolean follow, Consumer<String> onLine, Runnable onEnd);

    /** Names of the Swarm secrets that exist. */
    Set<String> secretNames();

    /** Names of the stack's configs and secrets (made by {@code stack deploy}, labelled with its namespace). */
    Set<String> stackObjects(String stack);

    /**
     * Removes the stack's configs and secrets that are not in {@code keep}.
     *
     * @return what could not be removed and why (a service that still uses it), one line each
     */
    List<String> removeStackObjects(String stack, Set<String> keep);

    /** Removes the named volumes of the stack (after {@code stack rm}); in use already gone is fine. */
    void removeVolumes(String stack);

    /** The image's own entrypoint and command (each empty when the image sets none). */
    ImageRun imageRun(String image);

    /** What an image runs when a container names neither an entrypoint nor a command. */
    record ImageRun(List<String> entrypoint, List<String> command) {
        public ImageRun {
            entrypoint = List.copyOf(entrypoint);
            command = List.copyOf(command);
        }
    }
}
