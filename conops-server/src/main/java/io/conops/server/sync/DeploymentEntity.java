package io.conops.server.sync;

import io.conops.core.api.DeploymentView.Outcome;
import io.conops.core.app.Trigger;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One sync of an app, kept as history. */
@Entity
@Table(name = "deployments")
public class DeploymentEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "app_id", nullable = false)
    private UUID appId;

    @Column(name = "commit_sha", length = 64)
    private String commitSha;

    @Column(name = "commit_message", length = 1000)
    private String commitMessage;

    @Column(name = "commit_author", length = 300)
    private String commitAuthor;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "trigger_kind", nullable = false, length = 16)
    private Trigger trigger;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private Outcome outcome;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(length = 8000)
    private String message;

    /** JSON of the compact fingerprints per service; no length limit (V3). */
    @Column
    private String services;

    @Column(length = 200000)
    private String transcript;

    /** Who asked for this sync (a token's or a UI user's name), when a user did. */
    @Column(name = "requested_by", length = 200)
    private String requestedBy;

    protected DeploymentEntity() {}

    public DeploymentEntity(UUID appId, String commitSha, Trigger trigger, Instant startedAt) {
        this.appId = appId;
        this.commitSha = commitSha;
        this.trigger = trigger;
        this.startedAt = startedAt;
        this.outcome = Outcome.RUNNING;
    }

    public Long getId() {
        return id;
    }

    public UUID getAppId() {
        return appId;
    }

    public String getCommitSha() {
        return commitSha;
    }

    public void setCommitSha(String s) {
        this.commitSha = s;
    }

    public String getCommitMessage() {
        return commitMessage;
    }

    public void setCommitMessage(String m) {
        this.commitMessage = m;
    }

    public String getCommitAuthor() {
        return commitAuthor;
    }

    public void setCommitAuthor(String a) {
        this.commitAuthor = a;
    }

    public Trigger getTrigger() {
        return trigger;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public void setOutcome(Outcome o) {
        this.outcome = o;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(Instant t) {
        this.finishedAt = t;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String m) {
        this.message = m;
    }

    public String getServices() {
        return services;
    }

    public void setServices(String s) {
        this.services = s;
    }

    public String getTranscript() {
        return transcript;
    }

    public void setTranscript(String t) {
        this.transcript = t;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public void setRequestedBy(String name) {
        this.requestedBy = name;
    }
}
