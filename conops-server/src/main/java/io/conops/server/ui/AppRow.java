package io.conops.server.ui;

import io.conops.core.api.AppView;
import io.conops.core.app.Condition;
import java.time.Instant;
import java.util.List;

/**
 * An app as the pages show it: only what {@link AppView} shows (no credential ever), plus the
 * message of the commit it runs.
 */
public record AppRow(AppView app, String commitMessage, Instant now) {

    public String name() {
        return app.name();
    }

    public String status() {
        return app.status().wire();
    }

    public String health() {
        return app.health().wire();
    }

    public List<Condition> conditions() {
        return app.conditions();
    }

    public String shortCommit() {
        return app.lastSyncedCommit() == null ? "" : app.lastSyncedCommit().substring(0, 7);
    }

    public String lastSyncAgo() {
        return Ago.relative(app.lastSyncAt(), now);
    }

    public String lastSyncExact() {
        return Ago.exact(app.lastSyncAt());
    }

    public String lastSyncIso() {
        return Ago.iso(app.lastSyncAt());
    }

    /** What the search box matches: name, repository, branch, commit. */
    public String searchText() {
        return String.join(
                        " ",
                        app.name(),
                        app.repoUrl(),
                        app.branch(),
                        shortCommit(),
                        commitMessage == null ? "" : commitMessage)
                .toLowerCase(java.util.Locale.ROOT);
    }
}
