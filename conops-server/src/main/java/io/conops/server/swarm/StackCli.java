package io.conops.server.swarm;

import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import io.conops.core.port.StackPort;
import io.conops.server.compose.ComposeCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker stack deploy} and {@code docker stack rm}, run like the Compose commands (explicit
 * environment, timeout, bounded transcript). The image digest is resolved as the CLI does by default:
 * every node then runs the same image; an image that no registry knows (built or imported locally)
 * only draws a warning and runs as tagged.
 */
public class StackCli implements StackPort {
    private final ComposeCli cli;
    private final Path workDir;

    public StackCli(ComposeCli cli, Path workDir) {
        this.cli = cli;
        this.workDir = workDir;
    }

    @Override
    public ComposeResult deploy(ComposeProject stack) {
        List<String> args =
                new ArrayList<>(List.of("stack", "deploy", "--prune", "--with-registry-auth", "--detach=false"));
        for (Path f : stack.files()) {
            args.add("-c");
            args.add(f.toString());
        }
        args.add(stack.name());
        return cli.docker(
                stack, args, "docker stack deploy --prune --with-registry-auth --detach=false " + stack.name());
    }

    @Override
    public ComposeResult remove(String stack) {
        return cli.docker(
                new ComposeProject(stack, workDir, List.of()),
                List.of("stack", "rm", "--detach=false", stack),
                "docker stack rm --detach=false " + stack);
    }
}
