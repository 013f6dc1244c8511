package io.conops.server.sync;

import io.conops.core.api.DeploymentView.Outcome;
import io.conops.core.app.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** What the loop did, for whoever counts or reports it (metrics, the sync log line); published after the record. */
public final class SyncEvents {
    private SyncEvents() {}

    /**
     * A sync ended (succeeded, unchanged or failed; a sync that could not start is a failure).
     *
     * @param commit the commit it was for; null when it could not even resolve one
     */
    public record SyncFinished(
            UUID app, String appName, String commit, Trigger trigger, Outcome outcome, Duration duration) {}

    /**
     * A heal ended.
     *
     * @param reasons what it put right: {@code drift} (services brought back: missing or hand-changed),
     *     {@code stopped}, {@code unhealthy}, {@code orphans}
     */
    public record HealFinished(UUID app, String appName, List<String> reasons, boolean succeeded) {}
}
