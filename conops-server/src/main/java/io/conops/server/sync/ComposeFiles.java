package io.conops.server.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds an app's compose file in a checkout, refusing any path or symlink that leaves it. */
final class ComposeFiles {
    private ComposeFiles() {}

    static Path locate(Path root, String composePath, String sha) {
        Path file = root.resolve(composePath).normalize();
        if (!file.startsWith(root)) {
            throw new SyncFailure("compose_path " + composePath + " leaves the repository");
        }
        if (!Files.exists(file)) {
            throw new SyncFailure("compose file " + composePath + " not found at commit " + SyncRunner.abbrev(sha));
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw new SyncFailure("compose_path " + composePath + " is a symlink that leaves the repository");
            }
            if (!Files.isRegularFile(real)) {
                throw new SyncFailure(
                        "compose_path " + composePath + " is not a file at commit " + SyncRunner.abbrev(sha));
            }
            return file;
        } catch (IOException e) {
            throw new SyncFailure("cannot read " + composePath + ": " + e.getMessage(), e);
        }
    }
}
