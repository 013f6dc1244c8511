package io.conops.core.reconcile;

/**
 * A container of the app's Compose project as the Engine reports it.
 *
 * @param state      the Engine's state: created, running, restarting, paused, exited, dead
 * @param configHash value of the {@code conops.config-hash} label, null when absent
 */
public record ObservedContainer(
        String id,
        String name,
        String service,
        String image,
        String state,
        int exitCode,
        ContainerHealth health,
        String configHash) {

    public boolean running() {
        return "running".equals(state);
    }
}
