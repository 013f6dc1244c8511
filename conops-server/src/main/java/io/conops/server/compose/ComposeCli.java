package io.conops.server.compose;

import io.conops.core.port.ComposePort;
import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Compose v2 CLI: {@code docker compose -p NAME -f FILE... --project-directory DIR CMD}, run
 * as the plugin binary itself where the docker CLI would find it (see {@link ComposePlugin}).
 * Runs with an explicit environment (no accidental inheritance of ConOps' own variables) and the
 * sync timeout. Each run is counted in the metric {@code conops.compose.runs}, tagged by command.
 */
public class ComposeCli implements ComposePort {
    /** Characters of standard output kept per command; a longer rendered model cannot be read. */
    public static final int STDOUT_LIMIT = ProcessRunner.STDOUT_LIMIT;

    static final String RUNS_METRIC = "conops.compose.runs";

    /** Variables Compose and the docker CLI need to find the engine; nothing else is passed on. */
    private static final List<String> PASSED_ON = List.of(
            "PATH", "HOME", "DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_CONTEXT", "TMPDIR", "LANG");

    private final String docker;
    private final Duration timeout;
    private final Map<String, String> baseEnv;
    /** The host's per-user CLI plugins, if any: a private DOCKER_CONFIG would hide them. */
    private final Path userPlugins;

    /** How a Compose command starts: the plugin binary itself when it is found, else {@code docker compose}. */
    private final List<String> compose;

    private final MeterRegistry meters;

    public ComposeCli(String docker, Duration timeout, Map<String, String> hostEnv, MeterRegistry meters) {
        this.docker = docker;
        this.meters = meters;
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
        Path plugins = ComposePlugin.configPlugins(hostEnv);
        this.userPlugins = plugins != null && Files.isDirectory(plugins) ? plugins.toAbsolutePath() : null;
        this.compose = ComposePlugin.locate(userPlugins, ComposePlugin.SYSTEM_DIRS)
                .map(plugin -> List.of(plugin.toString()))
                .orElse(List.of(docker, "compose"));
    }

    @Override
    public ComposeResult config(ComposeProject project) {
        return run(project, List.of("config", "--format", "json"));
    }

    @Override
    public ComposeResult configUninterpolated(ComposeProject project) {
        return run(project, List.of("config", "--no-interpolate", "--format", "json"));
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
    public ComposeResult upServices(ComposeProject project, List<String> services) {
        List<String> args = new ArrayList<>(List.of("up", "--detach", "--no-deps", "--no-color"));
        args.addAll(services);
        return run(project, args);
    }

    @Override
    public ComposeResult down(ComposeProject project, boolean removeVolumes) {
        List<String> args = new ArrayList<>(List.of("down", "--remove-orphans"));
        if (removeVolumes) {
            args.add("--volumes");
        }
        return run(project, args);
    }

    /**
     * Another docker CLI command (the stack commands) with what a Compose command of the project
     * gets: the same environment (its variables and registry logins), timeout and working directory.
     *
     * @param label how the transcript names the command (without file paths)
     */
    public ComposeResult docker(ComposeProject project, List<String> args, String label) {
        List<String> cmd = new ArrayList<>(List.of(docker));
        cmd.addAll(args);
        return ProcessRunner.run(cmd, project.projectDirectory(), envFor(project), timeout, label);
    }

    private ComposeResult run(ComposeProject project, List<String> args) {
        List<String> cmd = new ArrayList<>(compose);
        cmd.addAll(List.of("--progress", "plain", "-p", project.name()));
        for (Path f : project.files()) {
            cmd.add("-f");
            cmd.add(f.toString());
        }
        cmd.add("--project-directory");
        cmd.add(project.projectDirectory().toString());
        cmd.addAll(args);
        String label = "docker compose " + String.join(" ", args);
        Counter.builder(RUNS_METRIC)
                .description("docker compose processes started")
                .tag("command", args.get(0))
                .register(meters)
                .increment();
        return ProcessRunner.run(cmd, project.projectDirectory(), envFor(project), timeout, label);
    }

    /**
     * The app's private Docker config (its registry logins) goes to this process only. With
     * DOCKER_CONFIG set the CLI looks for plugins in $DOCKER_CONFIG/cli-plugins before the system
     * directories (/usr/libexec/docker/cli-plugins, …); a compose plugin installed per user is
     * linked there so {@code docker compose} still resolves.
     */
    private Map<String, String> envFor(ComposeProject project) {
        if (project.dockerConfig() == null && project.variables().isEmpty()) {
            return baseEnv;
        }
        // the app's variables for interpolation; what Compose itself needs wins (such names are refused)
        Map<String, String> env = new HashMap<>(project.variables());
        env.putAll(baseEnv);
        if (project.dockerConfig() == null) {
            return env;
        }
        Path link = project.dockerConfig().resolve("cli-plugins");
        if (userPlugins != null && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createSymbolicLink(link, userPlugins);
            } catch (IOException | UnsupportedOperationException e) {
                // the system plugin directories still apply
            }
        }
        env.put("DOCKER_CONFIG", project.dockerConfig().toString());
        return env;
    }
}
