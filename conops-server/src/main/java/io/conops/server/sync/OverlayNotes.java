package io.conops.server.sync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in the diff which files a host overlay placed: {@code file changed: site/index.html
 * (hosts/h1)}, so a reader looks in the overlay folder rather than at the repository root.
 */
final class OverlayNotes {
    private static final Pattern FILE = Pattern.compile("^(file (?:changed|added): )(.+)$");
    private static final Pattern FOLDER = Pattern.compile("^(files (?:changed|added) under )(.+)$");

    private OverlayNotes() {}

    /** The overlaid files under the compose file's folder, by the path the fingerprints use. */
    static SortedMap<String, String> relativeTo(Path root, Path composeDir, Map<String, String> overlaid) {
        SortedMap<String, String> out = new TreeMap<>();
        Path base = composeDir.toAbsolutePath().normalize();
        overlaid.forEach((rel, dir) -> {
            Path p = root.toAbsolutePath().normalize().resolve(rel).normalize();
            if (p.startsWith(base)) {
                out.put(base.relativize(p).toString().replace('\\', '/'), dir);
            }
        });
        return out;
    }

    /** The reasons, each naming an overlaid file (or a folder holding one) followed by its overlay folder. */
    static List<String> annotate(List<String> reasons, Map<String, String> overlaid) {
        if (overlaid.isEmpty()) {
            return reasons;
        }
        List<String> out = new ArrayList<>(reasons.size());
        for (String reason : reasons) {
            Matcher file = FILE.matcher(reason);
            Matcher folder = FOLDER.matcher(reason);
            String dir = null;
            if (file.matches()) {
                dir = overlaid.get(file.group(2));
            } else if (folder.matches()) {
                String prefix = folder.group(2) + "/";
                dir = overlaid.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(prefix))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(null);
            }
            out.add(dir == null ? reason : reason + " (" + dir + ")");
        }
        return List.copyOf(out);
    }
}
