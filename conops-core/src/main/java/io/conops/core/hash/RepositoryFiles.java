package io.conops.core.hash;

import io.conops.core.ConopsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.SortedMap;
import java.util.function.Predicate;

/**
 * Content hashes of the repository files under one project directory, keyed by their path relative
 * to it ({@code nginx.conf}, {@code site/index.html}). Paths outside the directory contribute nothing
 * here; they count only through the definition that names them.
 */
final class RepositoryFiles {
    /** Recorded instead of a hash; compose config has already validated paths, so this is rare. */
    static final String MISSING = "missing";

    static final String UNREADABLE = "unreadable";

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path root;
    private final Predicate<String> isRepositoryFile;

    RepositoryFiles(Path projectDir, Predicate<String> isRepositoryFile) {
        this.root = projectDir.toAbsolutePath().normalize();
        this.isRepositoryFile = isRepositoryFile;
    }

    /**
     * Adds to {@code out} the hash of the file, or of every file in the tree, at {@code path}.
     *
     * @return the path's key relative to the project directory, or null when it lies outside the
     *     repository and so adds nothing
     */
    String hash(String path, SortedMap<String, String> out) {
        Path mount = root.resolve(path).normalize();
        if (!mount.startsWith(root)) {
            return null;
        }
        String key = key(mount);
        if (!key.equals(".") && !isRepositoryFile.test(key)) {
            return null;
        }
        try {
            if (!Files.exists(mount, NOFOLLOW)) {
                out.put(key, MISSING);
                return key;
            }
            // Docker resolves a symlinked mount source on the host, so follow it, but only inside the tree.
            Path target = mount.toRealPath();
            Path realRoot = root.toRealPath();
            if (!target.startsWith(realRoot)) {
                if (Files.isSymbolicLink(mount)) {
                    out.put(key, entry(mount, Files.readAttributes(mount, BasicFileAttributes.class, NOFOLLOW)));
                }
                return key;
            }
            walk(target, key, out);
        } catch (NoSuchFileException e) {
            out.put(key, MISSING); // a dangling symlink, or the file vanished meanwhile
        } catch (AccessDeniedException e) {
            out.put(key, UNREADABLE);
        } catch (IOException e) {
            // Not a marker: a passing I/O error must not look like a new desired state.
            throw new ConopsException("cannot hash " + mount + ": " + e.getMessage(), e);
        }
        return key;
    }

    private void walk(Path start, String startKey, SortedMap<String, String> out) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(start) || isRepositoryFile.test(keyOf(dir))
                        ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String key = keyOf(file);
                if (isRepositoryFile.test(key) && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                    try {
                        out.put(key, entry(file, attrs));
                    } catch (NoSuchFileException e) {
                        // removed while we walked: it is not part of this state
                    } catch (AccessDeniedException e) {
                        out.put(key, UNREADABLE);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                if (!(e instanceof AccessDeniedException)) {
                    throw e;
                }
                if (isRepositoryFile.test(keyOf(file))) {
                    out.put(keyOf(file), UNREADABLE);
                }
                return FileVisitResult.CONTINUE;
            }

            /** Named under the path the definition used, even when that path is a symlink. */
            private String keyOf(Path p) {
                String rel = start.relativize(p).toString();
                return rel.isEmpty() ? startKey : startKey.equals(".") ? rel : startKey + "/" + rel;
            }
        });
    }

    /**
     * The kind goes into the hash along with the content: a file that becomes executable, or a file
     * replaced by a symlink with the same text, changes what the container sees.
     */
    private static String entry(Path file, BasicFileAttributes attrs) throws IOException {
        MessageDigest digest = Sha256.digest();
        if (attrs.isSymbolicLink()) {
            // Never followed: inside the container the link resolves against the container's tree.
            digest.update(("symlink\n" + Files.readSymbolicLink(file)).getBytes(StandardCharsets.UTF_8));
            return Sha256.hex(digest);
        }
        digest.update((executable(file) ? "executable\n" : "file\n").getBytes(StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(file, NOFOLLOW)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return Sha256.hex(digest);
    }

    /** Git records only the owner's execute bit, so that is the one that counts. */
    private static boolean executable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, NOFOLLOW).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private String key(Path p) {
        String rel = root.relativize(p).toString();
        return rel.isEmpty() ? "." : rel;
    }
}
