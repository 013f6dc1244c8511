package io.conops.core.port;

/** The real Compose v2 CLI. */
public interface ComposePort {

    /** {@code config --format json}: validates and returns the normalised model as JSON. */
    ComposeResult config(ComposeProject project);

    ComposeResult pull(ComposeProject project);

    /** {@code up -d --remove-orphans}. */
    ComposeResult up(ComposeProject project);

    ComposeResult down(ComposeProject project, boolean removeVolumes);
}
