package io.conops.core.reconcile;

/** The Engine's view of a container's healthcheck. */
public enum ContainerHealth {
    NONE,
    STARTING,
    HEALTHY,
    UNHEALTHY
}
