package io.conops.server.sync;

import java.io.IOException;
import java.nio.file.Path;

/** Where a path really lands once the symlinks on the way are followed. */
final class Checkouts {
    private Checkouts() {}

    /**
     * The real path of {@code path}, or of its nearest existing ancestor with the rest appended: a
     * missing file is judged by the folder it would be made in (which may itself be a symlink).
     */
    static Path realPath(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null) {
            try {
                return existing.toRealPath()
                        .resolve(existing.relativize(absolute))
                        .normalize();
            } catch (IOException e) {
                existing = existing.getParent();
            }
        }
        return absolute;
    }
}
