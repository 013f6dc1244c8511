package io.conops.server.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.stereotype.Component;

/** The data directory and its layout: one place that knows where things live. */
@Component
public class DataDirectory {
    private final Path root;

    public DataDirectory(ConopsProperties props) {
        this.root = props.dataDir().toAbsolutePath().normalize();
        try {
            if (!Files.exists(root)) {
                // it holds the admin token, the encryption key and the database: owner only
                Files.createDirectories(
                        root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.createDirectories(repos());
            Files.createDirectories(apps());
        } catch (IOException e) {
            throw new InvalidSettingException("CONOPS_DATA_DIR", "cannot create " + root + ": " + e.getMessage());
        }
        if (!Files.isWritable(root)) {
            throw new InvalidSettingException("CONOPS_DATA_DIR", root + " is not writable");
        }
    }

    public Path root() {
        return root;
    }

    /** Local Git repositories, one per app. */
    public Path repos() {
        return root.resolve("repos");
    }

    /** Per-app working area: the stable worktree, scratch checkouts, generated override. */
    public Path apps() {
        return root.resolve("apps");
    }

    public Path app(String appId) {
        return apps().resolve(appId);
    }
}
