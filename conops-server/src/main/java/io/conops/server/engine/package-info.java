/**
 * Engines: which Docker Engine (or Podman's Docker-compatible API) each app runs on, per its
 * {@code docker_host} (a local socket, ssh:// through OpenSSH, tcp:// over mutual TLS), and the
 * routing of the core's ports (observation, Compose, events, image identity) to it.
 */
package io.conops.server.engine;
