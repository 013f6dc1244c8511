package io.conops.server.system;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The data directory and its layout: one place that knows where things live. It holds the admin
 * token, the encryption key and the database, so it is kept owner-only: the directory 0700 and the
 * files directly in it 0600, also when it existed before with wider permissions. What lies deeper
 * (the apps' checkouts, mounted into their containers) keeps the permissions Git gave it.
 */
@Component
public class DataDirectory {
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private final Path root;

    public DataDirectory(ConopsProperties props) {
        this.root = props.dataDir().toAbsolutePath().normalize();
        try {
            if (!Files.exists(root)) {
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
        narrow(root);
    }

    /**
     * Narrows the files directly in the directory once start-up has created them all (the database
     * is made by H2, with the default 0644); nothing deeper, and never through a symlink.
     */
    @EventListener(ApplicationReadyEvent.class)
    void narrowOwnFiles() {
        narrow(root);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    narrow(file);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot list {} to make its files private: {}", root, e.getMessage());
        }
    }

    /** Takes group and others' permissions away; warns, naming the path, when that is not allowed. */
    private static void narrow(Path path) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return; // a developer's Windows machine: its ACLs are the platform's business
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (perms.removeAll(GROUP_AND_OTHERS)) {
                Files.setPosixFilePermissions(path, perms);
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.warn(
                    "Cannot make {} private to ConOps' user ({}); other local users may read it", path, e.getMessage());
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
