package io.conops.server.engine;

import io.conops.server.compose.ComposeCli;
import io.conops.server.compose.DockerEngine;
import java.io.IOException;

/**
 * One engine in use: its Engine API client (observation), its Compose CLI (apply, with DOCKER_HOST
 * pointing at it) and, for an ssh:// engine, the tunnel both go through; for a tcp:// engine, the
 * TLS files both read.
 *
 * @param name the app's {@code docker_host}, or {@link #LOCAL} for ConOps' own engine
 */
record Engine(String name, DockerEngine docker, ComposeCli compose, SshTunnel tunnel, TlsFiles tls)
        implements AutoCloseable {
    static final String LOCAL = "local";

    boolean isLocal() {
        return name.equals(LOCAL);
    }

    /** Makes sure the engine can be talked to (an ssh:// engine's tunnel is up), else throws. */
    Engine ready() {
        if (tunnel != null) {
            tunnel.ensure();
        }
        return this;
    }

    @Override
    public void close() {
        if (tunnel != null) {
            tunnel.close();
        }
        try {
            docker.close();
        } catch (IOException | RuntimeException ignored) {
            // the engine is being given up
        }
        if (tls != null) {
            tls.close();
        }
    }
}
