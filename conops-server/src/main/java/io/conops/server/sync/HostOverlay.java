package io.conops.server.sync;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Copies {@code <overlay dir>/<host name>/} over the root of a checkout, as VIGO's rsync overlay
 * does: a file at the same relative path replaces the repository's, a new path is added. Nothing is
 * followed: a symlink in the overlay is copied as a symlink (the checks after rendering judge it like
 * any symlink in the repository), and the overlay never writes through a symlink of the repository,
 * nor reads from an overlay folder that is itself a symlink, so it cannot reach outside the checkout.
 */
final class HostOverlay {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /**
     * @param overlaid every file placed, by its path relative to the root, with the folder it came from
     *     ({@code hosts/h1})
     * @param added the placed files the repository did not have at that path
     */
    record Result(SortedMap<String, String> overlaid, List<String> added) {
        static final Result NONE = new Result(new TreeMap<>(), List.of());
    }

    private final Path root;
    private final Path source;
    private final String label;
    private final SortedMap<String, String> overlaid = new TreeMap<>();
    private final List<String> added = new ArrayList<>();

    private HostOverlay(Path root, Path source, String label) {
        this.root = root;
        this.source = source;
        this.label = label;
    }

    /**
     * @param overlayDir the app's overlay_dir, already checked to be a plain relative folder; "" for none
     * @param host this installation's host name (one folder name)
     * @throws SyncFailure when the overlay would leave the checkout or replace a folder by a file
     */
    static Result apply(Path root, String overlayDir, String host) {
        if (overlayDir == null || overlayDir.isEmpty()) {
            return Result.NONE;
        }
        Path base = root.toAbsolutePath().normalize();
        Path source = base.resolve(overlayDir).resolve(host).normalize();
        String label = base.relativize(source).toString().replace('\\', '/');
        if (!source.startsWith(base) || source.equals(base)) {
            throw new SyncFailure("overlay folder " + label + " is not inside the repository");
        }
        if (!Files.exists(source, NOFOLLOW)) {
            return Result.NONE;
        }
        if (!Checkouts.realPath(source).startsWith(Checkouts.realPath(base)) || Files.isSymbolicLink(source)) {
            throw new SyncFailure("overlay folder " + label + " is a symlink; ConOps overlays only real folders"
                    + " of the repository");
        }
        if (!Files.isDirectory(source, NOFOLLOW)) {
            throw new SyncFailure("overlay folder " + label + " is a file, not a folder");
        }
        HostOverlay o = new HostOverlay(base, source, label);
        o.copy();
        return new Result(o.overlaid, List.copyOf(o.added));
    }

    private void copy() {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(source)) {
                        folder(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    file(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new SyncFailure("cannot apply the overlay " + label + ": " + e.getMessage(), e);
        }
    }

    private void folder(Path dir) throws IOException {
        String rel = relative(dir);
        Path target = root.resolve(rel);
        if (Files.isSymbolicLink(target)) {
            // writing below it would write wherever the link points, possibly outside the checkout
            throw refuse(rel, "the repository's " + rel + " is a symlink; an overlay does not write through one");
        }
        if (Files.exists(target, NOFOLLOW) && !Files.isDirectory(target, NOFOLLOW)) {
            throw refuse(rel, "it is a folder in the overlay but a file in the repository");
        }
        Files.createDirectories(target);
    }

    private void file(Path file) throws IOException {
        String rel = relative(file);
        Path target = root.resolve(rel);
        if (Files.isDirectory(target, NOFOLLOW)) {
            throw refuse(rel, "it is a file in the overlay but a folder in the repository");
        }
        boolean existed = Files.exists(target, NOFOLLOW);
        // a symlink at the target is replaced itself, never written through
        Files.deleteIfExists(target);
        // a fresh mtime: the index of the stable worktree must see a replaced tracked file as modified
        Files.copy(file, target, LinkOption.NOFOLLOW_LINKS);
        overlaid.put(rel, label);
        if (!existed) {
            added.add(rel);
        }
    }

    private String relative(Path p) {
        return source.relativize(p).toString().replace('\\', '/');
    }

    private SyncFailure refuse(String rel, String why) {
        return new SyncFailure("cannot overlay " + label + "/" + rel + ": " + why);
    }
}
