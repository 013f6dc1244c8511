package io.conops.core.port;

import java.nio.file.Path;
import java.util.List;

/**
 * One invocation target for the Compose CLI: {@code -p name -f file... --project-directory dir}.
 * {@code dockerConfig}, when set, is the app's private Docker client config directory
 * ({@code DOCKER_CONFIG}), holding its registry logins; null means the host's.
 */
public record ComposeProject(String name, Path projectDirectory, List<Path> files, Path dockerConfig) {
    public ComposeProject {
        files = List.copyOf(files);
    }

    public ComposeProject(String name, Path projectDirectory, List<Path> files) {
        this(name, projectDirectory, files, null);
    }

    public ComposeProject withDockerConfig(Path dir) {
        return new ComposeProject(name, projectDirectory, files, dir);
    }
}
