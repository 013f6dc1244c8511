/**
 * Engines: which Docker Engine (or Podman's Docker-compatible API) each app runs on, per its
 * {@code docker_host}, and the routing of the core's ports (observation, Compose, events) to it.
 */
package io.conops.server.engine;
