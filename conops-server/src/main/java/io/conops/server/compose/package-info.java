/** The runtime: the real Compose v2 CLI to apply, docker-java to observe the Engine. */
package io.conops.server.compose;
