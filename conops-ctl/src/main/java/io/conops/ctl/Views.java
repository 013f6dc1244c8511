package io.conops.ctl;

import io.conops.core.api.AppView;
import io.conops.core.api.DeploymentView;
import java.util.List;

/** The table output of each command: what a person wants to see at a glance. */
final class Views {
    private static final int MESSAGE_WIDTH = 72;

    private Views() {}

    static List<String> apps(List<AppView> apps) {
        Table t = new Table("NAME", "STATUS", "HEALTH", "COMMIT", "BRANCH", "LAST SYNC");
        for (AppView a : apps) {
            t.row(
                    a.name(),
                    Text.wire(a.status()),
                    Text.wire(a.health()),
                    Text.shortCommit(a.lastSyncedCommit()),
                    a.branch(),
                    Text.time(a.lastSyncAt()));
        }
        return t.lines();
    }

    static List<String> app(AppView a) {
        Table t = new Table("Name:", Text.cell(a.name()))
                .row("ID:", a.id())
                .row("Repository:", a.repoUrl())
                .row("Auth:", a.repoAuthMethod() == null ? null : Text.wire(a.repoAuthMethod()))
                .row("Branch:", a.branch())
                .row("Compose file:", a.composePath())
                .row("Poll interval:", a.pollInterval())
                .row("Status:", Text.wire(a.status()))
                .row("Health:", Text.wire(a.health()))
                .row("Desired commit:", a.lastSeenCommit())
                .row("Synced commit:", a.lastSyncedCommit())
                .row("Last sync:", Text.time(a.lastSyncAt()))
                .row("Last error:", a.lastError())
                .row("Created:", Text.time(a.createdAt()))
                .row("Updated:", Text.time(a.updatedAt()));
        return t.lines();
    }

    static List<String> deployments(List<DeploymentView> deployments) {
        Table t = new Table("ID", "COMMIT", "TRIGGER", "OUTCOME", "STARTED", "TOOK", "MESSAGE");
        for (DeploymentView d : deployments) {
            String message = d.message() != null ? d.message() : d.commitMessage();
            t.row(
                    Long.toString(d.id()),
                    Text.shortCommit(d.commit()),
                    Text.wire(d.trigger()),
                    Text.wire(d.outcome()),
                    Text.time(d.startedAt()),
                    Text.took(d.startedAt(), d.finishedAt()),
                    Text.truncate(Text.cell(message), MESSAGE_WIDTH));
        }
        return t.lines();
    }

    /** One line after {@code sync --wait}: where the app ended up. */
    static String syncResult(AppView a) {
        return Text.cell(a.name()) + ": " + Text.wire(a.status()) + ", commit " + Text.shortCommit(a.lastSyncedCommit())
                + ", health " + Text.wire(a.health());
    }
}
