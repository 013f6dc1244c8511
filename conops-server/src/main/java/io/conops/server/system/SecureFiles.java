package io.conops.server.system;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold secrets: owner-only permissions are given at creation, so there is no moment in
 * which another user could open them, and content appears atomically so a crash never leaves half a
 * key or half a config behind.
 */
public final class SecureFiles {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private SecureFiles() {}

    /** Creates {@code dir} (0700) if missing, and narrows it to 0700 if it exists. */
    public static void ensurePrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (posix(dir)) {
                Files.setPosixFilePermissions(dir, OWNER_DIR);
            }
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.createDirectory(dir, attributes(dir, OWNER_DIR));
    }

    /** Creates {@code dir} and its missing parents, each one made here 0700; existing ones are left as they are. */
    public static void createPrivateDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        try {
            Files.createDirectory(absolute, attributes(absolute, OWNER_DIR));
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by another thread or process: fine if it is a directory
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
        }
    }

    /** Creates an empty 0600 file; fails if it exists. */
    public static void createPrivateFile(Path file) throws IOException {
        Files.createFile(file, attributes(file.toAbsolutePath().getParent(), OWNER_FILE));
    }

    /** Writes {@code content} to a 0600 temp file beside {@code target}, syncs it, then renames it over. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes(dir, OWNER_FILE));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
        // Non-POSIX file systems (a developer's Windows machine) get the platform default.
        return posix(path)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
