package io.conops.server.sync;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What {@link HeadPolls} last read of each app, found by app and by the branch the app follows, so
 * that a poll finds the other apps on its branch without looking at every app known. An app whose
 * repository or branch changed moves to its new branch when it is put again. A value read before
 * the app was forgotten (it changed, or was deleted, meanwhile) is not put back.
 *
 * @param <T> what is kept of an app
 */
final class BranchIndex<T> {
    private record Entry<T>(T value, String branch) {}

    private final Map<UUID, Entry<T>> byApp = new HashMap<>();
    private final Map<String, Set<UUID>> byBranch = new HashMap<>();
    /** Counts forgets: a read that overlapped one must not put back what it read before. */
    private long forgets;

    synchronized T get(UUID app) {
        Entry<T> e = byApp.get(app);
        return e == null ? null : e.value();
    }

    /** Taken before an app is read; {@link #put} compares it. */
    synchronized long forgets() {
        return forgets;
    }

    /**
     * Keeps {@code value} for the app, on {@code branch}, unless something was forgotten since
     * {@code forgetsBefore} was taken (the app may have changed after it was read); true when kept.
     */
    synchronized boolean put(UUID app, T value, String branch, long forgetsBefore) {
        if (forgets != forgetsBefore) {
            return false;
        }
        Entry<T> before = byApp.put(app, new Entry<>(value, branch));
        if (before != null && !before.branch().equals(branch)) {
            leave(app, before.branch());
        }
        byBranch.computeIfAbsent(branch, b -> new HashSet<>()).add(app);
        return true;
    }

    synchronized void forget(UUID app) {
        forgets++;
        Entry<T> e = byApp.remove(app);
        if (e != null) {
            leave(app, e.branch());
        }
    }

    /** The apps kept on {@code branch}, with what is kept of each (a copy). */
    synchronized Map<UUID, T> onBranch(String branch) {
        Map<UUID, T> out = new LinkedHashMap<>();
        for (UUID app : byBranch.getOrDefault(branch, Set.of())) {
            out.put(app, byApp.get(app).value());
        }
        return out;
    }

    synchronized int size() {
        return byApp.size();
    }

    private void leave(UUID app, String branch) {
        Set<UUID> apps = byBranch.get(branch);
        apps.remove(app);
        if (apps.isEmpty()) {
            byBranch.remove(branch); // an index of every branch ever followed would only grow
        }
    }
}
