package io.conops.server.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which container this process may be in, as ids or names to ask the engine about: the id in the
 * source of the files the engine mounts over /etc/hostname, /etc/hosts and /etc/resolv.conf
 * ({@code <engine root>/containers/<id>/hostname}), the id in this process's own cgroup, and the
 * hostname when it is a short id (the engine's default). Empty outside a container: no
 * {@code /.dockerenv} and no such id. Only those mount points count: a host that runs containers
 * itself lists their {@code containers/<id>} mounts too; and a hostname that is no short id could
 * name some other container.
 */
record OwnContainer(List<String> candidates) {
    private static final Pattern MOUNTED_ID = Pattern.compile(
            "/containers/([0-9a-f]{64})/(?:hostname|hosts|resolv\\.conf) /etc/(?:hostname|hosts|resolv\\.conf) ");
    private static final Pattern CGROUP_ID = Pattern.compile("docker[-/]([0-9a-f]{64})");
    private static final Pattern SHORT_ID = Pattern.compile("[0-9a-f]{12}");

    static OwnContainer fromProc() {
        return of(
                Files.exists(Path.of("/.dockerenv")),
                read(Path.of("/proc/self/mountinfo")),
                read(Path.of("/proc/self/cgroup")),
                read(Path.of("/etc/hostname")).trim());
    }

    static OwnContainer of(boolean dockerEnv, String mountinfo, String cgroup, String hostname) {
        Set<String> ids = new LinkedHashSet<>();
        find(MOUNTED_ID, mountinfo, ids);
        find(CGROUP_ID, cgroup, ids);
        if (!dockerEnv && ids.isEmpty()) {
            return new OwnContainer(List.of());
        }
        if (SHORT_ID.matcher(hostname).matches()) {
            ids.add(hostname);
        }
        return new OwnContainer(List.copyOf(ids));
    }

    private static void find(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
