package io.conops.core.port;

import java.nio.file.Path;
import java.util.List;

/** One invocation target for the Compose CLI: {@code -p name -f file... --project-directory dir}. */
public record ComposeProject(String name, Path projectDirectory, List<Path> files) {
    public ComposeProject {
        files = List.copyOf(files);
    }
}
