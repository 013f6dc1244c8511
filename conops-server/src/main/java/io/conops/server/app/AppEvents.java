package io.conops.server.app;

import java.time.Duration;
import java.util.UUID;

/** What happened to an app's spec, for the loop to act on (it listens; this package calls nobody). */
public final class AppEvents {
    private AppEvents() {}

    /** A new app: its first sync is due, and its first poll one interval later. */
    public record Registered(UUID app, Duration pollInterval) {}

    /** An app's spec or credentials changed; {@code resync}: what it deploys may have changed. */
    public record Changed(UUID app, boolean resync) {}

    /** An app was deleted: its row, its containers and its files are gone. */
    public record Deleted(UUID app) {}

    /** An app's status or deployment history moved (for whoever shows it live: the web UI). */
    public record StatusChanged(UUID app) {}
}
