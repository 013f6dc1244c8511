package io.conops.server.compose;

import io.conops.core.port.ComposePort;
import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Compose v2 CLI: {@code docker compose -p NAME -f FILE... --project-directory DIR CMD}.
 * Runs with an explicit environment (no accidental inheritance of ConOps' own variables) and the
 * sync timeout.
 */
public class ComposeCli implements ComposePort {
    /** Variables Compose and the docker CLI need to find the engine; nothing else is passed on. */
    private static final List<String> PASSED_ON =
            List.of("PATH", "HOME", "DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_CONTEXT", "TMPDIR", "LANG");

    private final String docker;
    private final Duration timeout;
    private final Map<String, String> baseEnv;

    public ComposeCli(String docker, Duration timeout, Map<String, String> hostEnv) {
        this.docker = docker;
        this.timeout = timeout;
        Map<String, String> env = new HashMap<>();
        for (String k : PASSED_ON) {
            if (hostEnv.get(k) != null) {
                env.put(k, hostEnv.get(k));
            }
        }
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("COMPOSE_ANSI", "never");
        this.baseEnv = Map.copyOf(env);
    }

    @Override
    public ComposeResult config(ComposeProject project) {
        return run(project, List.of("config", "--format", "json"));
    }

    @Override
    public ComposeResult pull(ComposeProject project) {
        return run(project, List.of("pull", "--ignore-buildable"));
    }

    @Override
    public ComposeResult up(ComposeProject project) {
        return run(project, List.of("up", "--detach", "--remove-orphans", "--no-color"));
    }

    @Override
    public ComposeResult down(ComposeProject project, boolean removeVolumes) {
        List<String> args = new ArrayList<>(List.of("down", "--remove-orphans"));
        if (removeVolumes) {
            args.add("--volumes");
        }
        return run(project, args);
    }

    private ComposeResult run(ComposeProject project, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(docker, "compose", "--progress", "plain", "-p", project.name()));
        for (Path f : project.files()) {
            cmd.add("-f");
            cmd.add(f.toString());
        }
        cmd.add("--project-directory");
        cmd.add(project.projectDirectory().toString());
        cmd.addAll(args);
        String label = "docker compose " + String.join(" ", args);
        return ProcessRunner.run(cmd, project.projectDirectory(), envFor(project), timeout, label);
    }

    private Map<String, String> envFor(ComposeProject project) {
        return baseEnv;
    }
}
