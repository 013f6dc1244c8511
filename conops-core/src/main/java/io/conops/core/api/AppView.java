package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.conops.core.app.Health;
import io.conops.core.app.RepoAuthMethod;
import io.conops.core.app.SyncStatus;
import java.time.Instant;

/** An app as the API shows it: spec and status, never a credential. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppView(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("repo_url") String repoUrl,
        @JsonProperty("repo_auth_method") RepoAuthMethod repoAuthMethod,
        @JsonProperty("branch") String branch,
        @JsonProperty("compose_path") String composePath,
        @JsonProperty("poll_interval") String pollInterval,
        @JsonProperty("status") SyncStatus status,
        @JsonProperty("health") Health health,
        @JsonProperty("last_seen_commit") String lastSeenCommit,
        @JsonProperty("last_synced_commit") String lastSyncedCommit,
        @JsonProperty("last_sync_at") Instant lastSyncAt,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {}
