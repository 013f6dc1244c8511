package io.conops.core.reconcile;

/**
 * One service as the deployed commit defines it.
 *
 * @param configHash the desired-state hash stamped on its containers, or null when not known
 * @param oneShot    a service whose container may exit 0 and stay exited (restart "no")
 */
public record DesiredService(String name, String configHash, boolean oneShot) {}
