package io.conops.server.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FileUtils;

/**
 * The layout of the repositories directory and who may touch what in it:
 *
 * <ul>
 *   <li>{@code <store>.git}: a bare object store shared by the apps of one repository and
 *       credentials (see {@link StoreNames}). Each app keeps its fetched commits reachable through
 *       refs of its own, {@code refs/conops/<app>/…}; nothing reads or moves the store's HEAD or
 *       index. A store goes with the last app's refs.
 *   <li>{@code .apps/<app>/}: what belongs to one app: the name of its store ({@code store}) and
 *       the index of its stable worktree ({@code index}).
 *   <li>{@code <app>/}: a clone of the per-app layout of older versions, read until the app's
 *       first fetch into its store, which takes over its worktree index and deletes it.
 * </ul>
 *
 * Fetches and removals hold their store's write lock, reads its read lock, so that no fetch, gc
 * or removal of one app runs under another app's read of the same store.
 */
final class ObjectStores {
    static final String REFS = "refs/conops/";

    private static final String MEMBERS = ".apps";
    private static final String STORE_FILE = "store";
    private static final String INDEX_FILE = "index";

    private final Path reposDir;
    private final Map<String, ReadWriteLock> locks = new ConcurrentHashMap<>();

    ObjectStores(Path reposDir) {
        this.reposDir = reposDir;
    }

    /** Where the app's commits may be read, held under its store's read lock until closed; null when it fetched nothing. */
    record Reading(Path gitDir, Lock lock) implements AutoCloseable {
        @Override
        public void close() {
            lock.unlock();
        }
    }

    Path dir(String store) {
        return reposDir.resolve(store);
    }

    Lock writeLock(String store) {
        return locks.computeIfAbsent(store, s -> new ReentrantReadWriteLock()).writeLock();
    }

    /** The app's ref namespace in a store. */
    static String refs(String appKey) {
        return REFS + appKey + "/";
    }

    /** The store's repository, made when missing; the caller holds the store's write lock. */
    Repository openOrCreate(String store) throws IOException {
        Path gitDir = dir(store);
        if (!Files.isDirectory(gitDir)) {
            try (Git created =
                    Git.init().setBare(true).setGitDir(gitDir.toFile()).call()) {
                // JGit's automatic gc after a fetch would otherwise run in a background thread,
                // outliving the write lock the fetch holds
                StoredConfig config = created.getRepository().getConfig();
                config.setBoolean(
                        ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
                config.save();
            } catch (GitAPIException e) {
                throw new IOException("cannot create " + gitDir + ": " + e.getMessage(), e);
            }
        }
        return open(gitDir);
    }

    /**
     * The app's reading place: its store, or an old per-app clone not yet taken over; null when
     * neither exists. Takes the store's read lock (released by closing).
     */
    Reading read(String appKey) throws IOException {
        String store = storeOf(appKey);
        if (store != null) {
            Lock lock = locks.computeIfAbsent(store, s -> new ReentrantReadWriteLock())
                    .readLock();
            lock.lock();
            if (Files.isDirectory(dir(store))) {
                return new Reading(dir(store), lock);
            }
            lock.unlock();
        }
        Path legacy = legacy(appKey);
        if (Files.isDirectory(legacy)) {
            // nothing but this app ever writes it, and its operations do not overlap
            Lock none = new ReentrantReadWriteLock().readLock();
            none.lock();
            return new Reading(legacy, none);
        }
        return null;
    }

    /**
     * Records that the app reads {@code store} from now on and deletes its old per-app clone (its
     * worktree index is taken over first); the caller holds the store's write lock.
     *
     * @return the store the app read before, null when none
     */
    String join(String appKey, String store) throws IOException {
        String before = storeOf(appKey);
        Path member = member(appKey);
        Files.createDirectories(member);
        worktreeIndex(appKey);
        Path tmp = member.resolve(STORE_FILE + ".tmp");
        Files.writeString(tmp, store, StandardCharsets.UTF_8);
        Files.move(
                tmp, member.resolve(STORE_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        delete(legacy(appKey));
        return before;
    }

    /**
     * The index of the app's stable worktree, which only this app uses: after an upgrade, the one
     * its old per-app clone kept, so the files the deployed commit had are still known as tracked.
     */
    Path worktreeIndex(String appKey) throws IOException {
        Path member = member(appKey);
        Files.createDirectories(member);
        Path index = member.resolve(INDEX_FILE);
        Path legacyIndex = legacy(appKey).resolve(INDEX_FILE);
        if (!Files.exists(index) && Files.isRegularFile(legacyIndex)) {
            Files.copy(legacyIndex, index);
        }
        return index;
    }

    /** A folder of the app's own for scratch files (an export's private index). */
    Path member(String appKey) {
        return reposDir.resolve(MEMBERS).resolve(appKey);
    }

    /** Drops the app's refs from every store, removes the stores no app refers to any more, and the app's own files. */
    void leave(String appKey) throws IOException {
        for (String store : stores()) {
            drop(appKey, store);
        }
        delete(member(appKey));
        delete(legacy(appKey));
    }

    /** Drops the app's refs from one store, and the store when they were the last. */
    void drop(String appKey, String store) throws IOException {
        Lock lock = writeLock(store);
        lock.lock();
        try {
            if (!Files.isDirectory(dir(store))) {
                return;
            }
            boolean empty;
            try (Repository repo = open(dir(store))) {
                for (Ref ref : repo.getRefDatabase().getRefsByPrefix(refs(appKey))) {
                    RefUpdate update = repo.updateRef(ref.getName());
                    update.setForceUpdate(true);
                    update.delete();
                }
                empty = repo.getRefDatabase().getRefsByPrefix(REFS).isEmpty();
            }
            if (empty) {
                delete(dir(store));
            }
        } finally {
            lock.unlock();
        }
    }

    private List<String> stores() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(reposDir)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(reposDir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (StoreNames.NAME.matcher(name).matches() && Files.isDirectory(p)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private String storeOf(String appKey) throws IOException {
        Path file = member(appKey).resolve(STORE_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String name = Files.readString(file, StandardCharsets.UTF_8).strip();
        // a name written by ConOps; anything else must not lead a path elsewhere
        return StoreNames.NAME.matcher(name).matches() ? name : null;
    }

    private Path legacy(String appKey) {
        return reposDir.resolve(appKey);
    }

    private static Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder()
                .setGitDir(gitDir.toFile())
                .setMustExist(true)
                .build();
    }

    private static void delete(Path dir) throws IOException {
        FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
    }
}
