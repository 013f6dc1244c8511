package io.conops.server.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the docker CLI finds its Compose plugin, found the way the CLI finds it: the config
 * directory's {@code cli-plugins} first, then the system plugin directories, in the CLI's order.
 * Running that binary directly (Compose v2 runs standalone too) costs one process per command
 * instead of three: {@code docker compose} starts the CLI, which starts the plugin once to read its
 * metadata and once more to run it.
 */
final class ComposePlugin {
    static final String BINARY = "docker-compose";

    /** The docker CLI's default system plugin directories on Linux, in its search order. */
    static final List<Path> SYSTEM_DIRS = List.of(
            Path.of("/usr/local/lib/docker/cli-plugins"),
            Path.of("/usr/local/libexec/docker/cli-plugins"),
            Path.of("/usr/lib/docker/cli-plugins"),
            Path.of("/usr/libexec/docker/cli-plugins"));

    private ComposePlugin() {}

    /**
     * @param configPlugins the CLI config directory's {@code cli-plugins}, or null when there is none
     * @return the plugin binary the CLI would run for {@code docker compose}, if it is one of these
     */
    static Optional<Path> locate(Path configPlugins, List<Path> systemDirs) {
        List<Path> dirs = new ArrayList<>();
        if (configPlugins != null) {
            dirs.add(configPlugins);
        }
        dirs.addAll(systemDirs);
        return dirs.stream()
                .map(dir -> dir.resolve(BINARY))
                .filter(f -> Files.isRegularFile(f) && Files.isExecutable(f))
                .findFirst();
    }

    /** The CLI config directory's plugin folder: {@code $DOCKER_CONFIG/cli-plugins}, else {@code ~/.docker/cli-plugins}. */
    static Path configPlugins(Map<String, String> hostEnv) {
        String configDir = hostEnv.get("DOCKER_CONFIG");
        if (configDir != null && !configDir.isBlank()) {
            return Path.of(configDir, "cli-plugins");
        }
        return hostEnv.get("HOME") != null ? Path.of(hostEnv.get("HOME"), ".docker", "cli-plugins") : null;
    }
}
