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
 * token, the encryption key, the database and the apps' repositories, so it is kept owner-only:
 * the directory and its {@code repos} and {@code apps} folders 0700, the files directly in it
 * 0600, also when they existed before with wider permissions (each such path is named in a
 * warning). What lies deeper (the apps' checkouts, mounted into their containers, whose users may
 * not be ConOps' user) keeps the permissions Git gave it: other local users cannot reach it
 * through the 0700 folders above it.
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
            SecureFiles.createPrivateDirectories(root);
            SecureFiles.createPrivateDirectories(repos());
            SecureFiles.createPrivateDirectories(apps());
        } catch (IOException e) {
            throw new InvalidSettingException("CONOPS_DATA_DIR", "cannot create " + root + ": " + e.getMessage());
        }
        if (!Files.isWritable(root)) {
            throw new InvalidSettingException("CONOPS_DATA_DIR", root + " is not writable");
        }
        narrowOwnFiles();
    }

    /**
     * Narrows the directory, its two folders and the files directly in it; run at construction and
     * once start-up has created everything (the admin token, the key, the known hosts); nothing
     * deeper, and never through a symlink.
     */
    @EventListener(ApplicationReadyEvent.class)
    void narrowOwnFiles() {
        narrow(root);
        narrow(repos());
        narrow(apps());
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

    /**
     * Takes group and others' permissions away, warning with the path: a wider file was made by
     * someone else (or an older ConOps) and may have been read meanwhile.
     */
    private static void narrow(Path path) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return; // a developer's Windows machine: its ACLs are the platform's business
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            String before = PosixFilePermissions.toString(perms);
            if (perms.removeAll(GROUP_AND_OTHERS)) {
                log.warn(
                        "{} was open to other local users ({}); narrowed to {}",
                        path,
                        before,
                        PosixFilePermissions.toString(perms));
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

    /** Local Git repositories: one object store per repository and credentials, shared by their apps. */
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
