package io.conops.server.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** One SHA-256 over a folder's files (paths and contents; a symlink by its target text), for ${HASH}. */
final class FolderDigest {
    private FolderDigest() {}

    static String of(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            List<Path> files = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
            for (Path f : files) {
                d.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
                d.update(
                        Files.isSymbolicLink(f)
                                ? Files.readSymbolicLink(f).toString().getBytes(StandardCharsets.UTF_8)
                                : Files.readAllBytes(f));
                d.update((byte) 0);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new SyncFailure("cannot read " + dir.getFileName() + " for ${HASH}: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
