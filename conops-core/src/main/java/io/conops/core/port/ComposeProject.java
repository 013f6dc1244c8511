package io.conops.core.port;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One invocation target for the Compose CLI: {@code -p name -f file... --project-directory dir}.
 * {@code dockerConfig}, when set, is the app's private Docker client config directory
 * ({@code DOCKER_CONFIG}), holding its registry logins; null means the host's. {@code variables} are
 * the app's {@code service_envs}: Compose reads them from its process environment for
 * interpolation ({@code ${NAME}}). They are secrets: {@link #toString()} names them only.
 */
public record ComposeProject(
        String name, Path projectDirectory, List<Path> files, Path dockerConfig, Map<String, String> variables) {
    public ComposeProject {
        files = List.copyOf(files);
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public ComposeProject(String name, Path projectDirectory, List<Path> files, Path dockerConfig) {
        this(name, projectDirectory, files, dockerConfig, Map.of());
    }

    public ComposeProject(String name, Path projectDirectory, List<Path> files) {
        this(name, projectDirectory, files, null, Map.of());
    }

    public ComposeProject withDockerConfig(Path dir) {
        return new ComposeProject(name, projectDirectory, files, dir, variables);
    }

    public ComposeProject withVariables(Map<String, String> values) {
        return new ComposeProject(name, projectDirectory, files, dockerConfig, values);
    }

    @Override
    public String toString() {
        return "ComposeProject[name=" + name + ", projectDirectory=" + projectDirectory + ", files=" + files
                + ", dockerConfig=" + dockerConfig + ", variables=" + new TreeMap<>(variables).keySet() + "]";
    }
}
