package io.conops.ctl;

import io.conops.core.api.AppView;
import io.conops.core.api.DeploymentView;
import java.time.Instant;
import java.util.List;

/**
 * The table output of each command: what a person wants to see at a glance (short commits, "3m
 * ago", coloured status); {@code -o wide} adds columns and gives commits and times exactly.
 */
final class Views {
    private static final int MESSAGE_WIDTH = 72;

    private Views() {}

    static List<String> apps(List<AppView> apps, Instant now, Style style) {
        Table t = new Table("NAME", "STATUS", "HEALTH", "COMMIT", "BRANCH", "LAST SYNC");
        for (AppView a : apps) {
            t.row(
                    a.name(),
                    Text.wire(a.status()),
                    Text.wire(a.health()),
                    Text.shortCommit(a.lastSyncedCommit()),
                    a.branch(),
                    Text.ago(a.lastSyncAt(), now));
        }
        return t.paint(1, style::status).paint(2, style::status).lines();
    }

    static List<String> appsWide(List<AppView> apps, Style style) {
        Table t = new Table(
                "NAME", "STATUS", "HEALTH", "COMMIT", "REPOSITORY", "BRANCH", "COMPOSE FILE", "POLL", "LAST SYNC");
        for (AppView a : apps) {
            t.row(
                    a.name(),
                    Text.wire(a.status()),
                    Text.wire(a.health()),
                    a.lastSyncedCommit(),
                    a.repoUrl(),
                    a.branch(),
                    a.composePath(),
                    a.pollInterval(),
                    Text.time(a.lastSyncAt()));
        }
        return t.paint(1, style::status).paint(2, style::status).lines();
    }

    static List<String> app(AppView a, Instant now, Style style) {
        Table t = new Table("Name:", Text.cell(a.name()))
                .row("ID:", a.id())
                .row("Repository:", a.repoUrl())
                .row("Auth:", a.repoAuthMethod() == null ? null : Text.wire(a.repoAuthMethod()))
                .row("Branch:", a.branch())
                .row("Compose file:", a.composePath())
                .row("Poll interval:", a.pollInterval())
                .row("Status:", Text.wire(a.status()))
                .paintLast(1, style::status)
                .row("Health:", Text.wire(a.health()))
                .paintLast(1, style::status)
                .row("Desired commit:", a.lastSeenCommit())
                .row("Synced commit:", a.lastSyncedCommit())
                .row("Last sync:", Text.timeAndAgo(a.lastSyncAt(), now))
                .row("Last error:", a.lastError())
                .row("Service envs:", serviceEnvKeys(a))
                .row("Created:", Text.timeAndAgo(a.createdAt(), now))
                .row("Updated:", Text.timeAndAgo(a.updatedAt(), now));
        return t.lines();
    }

    static List<String> deployments(List<DeploymentView> deployments, Instant now, Style style, boolean wide) {
        Table t = new Table("ID", "COMMIT", "TRIGGER", "OUTCOME", "STARTED", "TOOK", "MESSAGE");
        for (DeploymentView d : deployments) {
            String message = d.message() != null ? d.message() : d.commitMessage();
            t.row(
                    Long.toString(d.id()),
                    wide ? d.commit() : Text.shortCommit(d.commit()),
                    Text.wire(d.trigger()),
                    Text.wire(d.outcome()),
                    wide ? Text.time(d.startedAt()) : Text.ago(d.startedAt(), now),
                    Text.took(d.startedAt(), d.finishedAt()),
                    wide ? Text.cell(message) : Text.truncate(Text.cell(message), MESSAGE_WIDTH));
        }
        return t.paint(3, style::status).lines();
    }

    private static String serviceEnvKeys(AppView a) {
        return a.serviceEnvKeys() == null || a.serviceEnvKeys().isEmpty()
                ? null
                : String.join(", ", a.serviceEnvKeys());
    }
}
