package io.conops.core.reconcile;

import java.time.Instant;

/**
 * A container of the app's Compose project as the Engine reports it.
 *
 * @param state      the Engine's state: created, running, restarting, paused, exited, dead
 * @param configHash value of the {@code conops.config-hash} label, null when absent
 * @param created    when the container was created, null when not known
 */
public record ObservedContainer(
        String id,
        String name,
        String service,
        String image,
        String state,
        int exitCode,
        ContainerHealth health,
        String configHash,
        Instant created) {

    public ObservedContainer(
            String id,
            String name,
            String service,
            String image,
            String state,
            int exitCode,
            ContainerHealth health,
            String configHash) {
        this(id, name, service, image, state, exitCode, health, configHash, null);
    }

    public boolean running() {
        return "running".equals(state);
    }
}
