package io.conops.core.port;

/** The real Compose v2 CLI. */
public interface ComposePort {

    /** How much of a command's standard output is kept: a rendered model larger than this cannot be read. */
    int STDOUT_LIMIT = 8 * 1024 * 1024;

    /** {@code config --format json}: validates and returns the normalised model as JSON. */
    ComposeResult config(ComposeProject project);

    /** {@code config --no-interpolate --format json}: the model with {@code ${NAME}} references left in. */
    ComposeResult configUninterpolated(ComposeProject project);

    ComposeResult pull(ComposeProject project);

    /** {@code up -d --remove-orphans}. */
    ComposeResult up(ComposeProject project);

    /**
     * {@code up -d --no-deps SERVICE...}: only these services, leaving every other one (a completed
     * one-shot above all) as it is. The repair of a heal.
     */
    ComposeResult upServices(ComposeProject project, java.util.List<String> services);

    ComposeResult down(ComposeProject project, boolean removeVolumes);
}
