package io.conops.core.port;

/**
 * The docker CLI's stack commands: Swarm's own way of applying a compose file, which ConOps does
 * not re-implement. {@link ComposeProject#name()} is the stack's name, its files the
 * {@code -c} files, its variables the process environment the files are interpolated from.
 */
public interface StackPort {

    /** {@code stack deploy --prune --with-registry-auth --detach=false}: returns once the services converged. */
    ComposeResult deploy(ComposeProject stack);

    /** {@code stack rm --detach=false}: services, networks, configs and secrets of the stack; never volumes. */
    ComposeResult remove(String stack);
}
