package io.conops.server.sync;

import java.nio.file.Path;

/**
 * Decrypts a homelab-gitops {@code manifest.sops.yml} into its YAML text, whose {@code Container}
 * values are then appended to the manifest's. The seam for ConOps' SOPS support: a bean of this type
 * turns it on; without one, a repository with such a file fails to render and says why, rather than
 * running without the secret values.
 */
public interface SopsManifests {
    /** @throws RuntimeException with a message for the user when the file cannot be decrypted */
    String decrypt(Path file);
}
