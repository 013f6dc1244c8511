package io.conops.server.ui;

import io.conops.core.api.DeploymentView.DeployedServiceView;
import io.conops.server.sync.DeploymentEntity;
import java.time.Instant;
import java.util.List;

/** One deployment record as the history shows it, transcript included. */
public record HistoryRow(DeploymentEntity d, List<DeployedServiceView> services, Instant now) {

    public long id() {
        return d.getId();
    }

    public String outcome() {
        return d.getOutcome().wire();
    }

    public String trigger() {
        return d.getTrigger().wire();
    }

    public String commit() {
        return d.getCommitSha();
    }

    /** Who asked for this sync, when a user did; empty otherwise. */
    public String requestedBy() {
        return d.getRequestedBy() == null ? "" : d.getRequestedBy();
    }

    public String shortCommit() {
        return d.getCommitSha() == null
                ? ""
                : d.getCommitSha().substring(0, Math.min(7, d.getCommitSha().length()));
    }

    public String commitMessage() {
        return d.getCommitMessage() == null ? "" : Views.firstLine(d.getCommitMessage());
    }

    public String message() {
        return d.getMessage() == null ? "" : d.getMessage();
    }

    public String transcript() {
        return d.getTranscript() == null ? "" : d.getTranscript();
    }

    public String startedAgo() {
        return Ago.relative(d.getStartedAt(), now);
    }

    public String startedExact() {
        return Ago.exact(d.getStartedAt());
    }

    public String startedIso() {
        return Ago.iso(d.getStartedAt());
    }
}
