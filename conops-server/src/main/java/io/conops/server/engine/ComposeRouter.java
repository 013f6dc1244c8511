package io.conops.server.engine;

import io.conops.core.port.ComposePort;
import io.conops.core.port.ComposeProject;
import io.conops.core.port.ComposeResult;
import java.util.List;
import java.util.function.Function;

/**
 * The loop's {@link ComposePort}: commands that change containers run against the engine of the
 * app the project is named after. Rendering the model ({@code config}) touches no engine, and runs
 * the same for every app, also while its engine is away.
 */
class ComposeRouter implements ComposePort {
    private final Engines engines;

    ComposeRouter(Engines engines) {
        this.engines = engines;
    }

    @Override
    public ComposeResult config(ComposeProject project) {
        return engines.local().compose().config(project);
    }

    @Override
    public ComposeResult configUninterpolated(ComposeProject project) {
        return engines.local().compose().configUninterpolated(project);
    }

    @Override
    public ComposeResult pull(ComposeProject project) {
        return on(project, c -> c.pull(project));
    }

    @Override
    public ComposeResult up(ComposeProject project) {
        return on(project, c -> c.up(project));
    }

    @Override
    public ComposeResult upServices(ComposeProject project, List<String> services) {
        return on(project, c -> c.upServices(project, services));
    }

    @Override
    public ComposeResult down(ComposeProject project, boolean removeVolumes) {
        return on(project, c -> c.down(project, removeVolumes));
    }

    /** An engine that cannot be reached throws, with its condition (EngineUnreachable) and the reason. */
    private ComposeResult on(ComposeProject project, Function<ComposePort, ComposeResult> command) {
        return command.apply(engines.forProject(project.name()).ready().compose());
    }
}
