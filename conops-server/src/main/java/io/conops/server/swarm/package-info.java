/**
 * The Swarm target: the docker CLI's stack commands and the Swarm's services, tasks, configs and
 * secrets through the Engine API, behind core's {@code StackPort} and {@code SwarmPort}; the stack
 * override ConOps writes beside the app's compose file (labels, content-named configs and secrets,
 * {@code secrets.yaml}).
 */
package io.conops.server.swarm;
