package io.conops.core.hash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/** Why two fingerprints of a service differ, in words for the deployment record and the UI. */
public final class FingerprintDiff {
    /** Beyond this many file reasons, the rest are counted rather than listed. */
    static final int MAX_FILE_REASONS = 20;

    private FingerprintDiff() {}

    /**
     * Reasons such as {@code definition changed: environment, ports}, {@code file changed: nginx.conf},
     * {@code file added: site/new.html}, {@code image changed}; empty when the hashes are equal.
     *
     * @param before null when the service had no fingerprint yet
     */
    public static List<String> explain(ServiceFingerprint before, ServiceFingerprint after) {
        if (before == null) {
            return List.of("new service");
        }
        if (before.hash().equals(after.hash())) {
            return List.of();
        }
        if (before.version() != after.version()) {
            // Parts hashed by other rules would all look changed; say what really happened.
            return List.of("hashing rules changed (version " + before.version() + " to " + after.version() + ")");
        }
        List<String> reasons = new ArrayList<>();
        if (!before.definitionHash().equals(after.definitionHash())) {
            List<String> keys = changedKeys(before.definitionParts(), after.definitionParts());
            reasons.add(keys.isEmpty() ? "definition changed" : "definition changed: " + String.join(", ", keys));
        }
        List<String> fileReasons = before.hasFileHashes() && after.hasFileHashes()
                ? fileReasons(before.fileHashes(), after.fileHashes())
                : pathReasons(before, after);
        if (fileReasons.size() > MAX_FILE_REASONS) {
            int more = fileReasons.size() - MAX_FILE_REASONS;
            fileReasons = new ArrayList<>(fileReasons.subList(0, MAX_FILE_REASONS));
            fileReasons.add("and " + more + " more file changes");
        }
        reasons.addAll(fileReasons);
        if (!before.image().equals(after.image())) {
            reasons.add("image changed");
        }
        return reasons.isEmpty() ? List.of("hash changed") : List.copyOf(reasons);
    }

    private static List<String> changedKeys(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.removeIf(k -> Objects.equals(before.get(k), after.get(k)));
        return List.copyOf(keys);
    }

    private static List<String> fileReasons(SortedMap<String, String> before, SortedMap<String, String> after) {
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<String> reasons = new ArrayList<>();
        for (String path : paths) {
            String was = present(before.get(path));
            String is = present(after.get(path));
            if (Objects.equals(was, is)) {
                continue;
            }
            String what = was == null ? "added" : is == null ? "removed" : "changed";
            reasons.add("file " + what + ": " + path);
        }
        return reasons;
    }

    /**
     * Without the files of both sides, the digest per used path still says where: {@code file
     * changed: nginx.conf} for a mounted file, {@code files changed under site} for a folder.
     */
    private static List<String> pathReasons(ServiceFingerprint before, ServiceFingerprint after) {
        TreeSet<String> paths = new TreeSet<>(before.fileDigests().keySet());
        paths.addAll(after.fileDigests().keySet());
        List<String> reasons = new ArrayList<>();
        for (String path : paths) {
            String was = before.fileDigests().get(path);
            String is = after.fileDigests().get(path);
            if (Objects.equals(was, is)) {
                continue;
            }
            String what = was == null ? "added" : is == null ? "removed" : "changed";
            reasons.add(
                    singleFile(path, before, after)
                            ? "file " + what + ": " + path
                            : "files " + what + " under " + path);
        }
        return reasons;
    }

    /** A used path is one file when a side that kept its files has exactly that path among them. */
    private static boolean singleFile(String path, ServiceFingerprint before, ServiceFingerprint after) {
        return before.hasFileHashes() && before.fileHashes().containsKey(path)
                || after.hasFileHashes() && after.fileHashes().containsKey(path);
    }

    /** A file recorded as missing is, for the reader, a file that is not there. */
    private static String present(String hash) {
        return RepositoryFiles.MISSING.equals(hash) ? null : hash;
    }
}
