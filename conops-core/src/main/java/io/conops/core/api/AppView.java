package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.conops.core.app.Condition;
import io.conops.core.app.Health;
import io.conops.core.app.Layout;
import io.conops.core.app.RepoAuthMethod;
import io.conops.core.app.SyncStatus;
import io.conops.core.app.Target;
import java.time.Instant;
import java.util.List;

/**
 * An app as the API shows it: spec and status; of credentials only whether they are set. The
 * credential fields are boxed: an older server does not send them, and they then read as null.
 */
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
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("has_deploy_key") Boolean hasDeployKey,
        @JsonProperty("has_repo_token") Boolean hasRepoToken,
        @JsonProperty("repo_username") String repoUsername,
        @JsonProperty("registry_auth") List<RegistryAuthView> registryAuth,
        @JsonProperty("image_updates") Boolean imageUpdates,
        @JsonProperty("conditions") List<Condition> conditions,
        @JsonProperty("has_webhook_secret") Boolean hasWebhookSecret,
        @JsonProperty("service_env_keys") List<String> serviceEnvKeys,
        @JsonProperty("stacks_file") String stacksFile,
        @JsonProperty("stacks_glob") String stacksGlob,
        @JsonProperty("parent") String parent,
        @JsonProperty("pull_policy") String pullPolicy,
        @JsonProperty("overlay_dir") String overlayDir,
        @JsonProperty("layout") Layout layout,
        @JsonProperty("target") Target target,
        @JsonProperty("has_age_key") Boolean hasAgeKey,
        @JsonProperty("require_signed_commits") Boolean requireSignedCommits,
        @JsonProperty("allowed_signers") String allowedSigners,
        @JsonProperty("gpg_public_keys") String gpgPublicKeys,
        @JsonProperty("pinned_commit") String pinnedCommit,
        @JsonProperty("docker_host") String dockerHost,
        @JsonProperty("has_docker_ssh_key") Boolean hasDockerSshKey,
        @JsonProperty("has_notify_urls") Boolean hasNotifyUrls,
        @JsonProperty("has_docker_tls") Boolean hasDockerTls) {

    public AppView {
        registryAuth = registryAuth == null ? List.of() : List.copyOf(registryAuth);
        serviceEnvKeys = serviceEnvKeys == null ? List.of() : List.copyOf(serviceEnvKeys);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** The view without credential flags, as before private repositories existed. */
    public AppView(
            String id,
            String name,
            String repoUrl,
            RepoAuthMethod repoAuthMethod,
            String branch,
            String composePath,
            String pollInterval,
            SyncStatus status,
            Health health,
            String lastSeenCommit,
            String lastSyncedCommit,
            Instant lastSyncAt,
            String lastError,
            Instant createdAt,
            Instant updatedAt) {
        this(
                id,
                name,
                repoUrl,
                repoAuthMethod,
                branch,
                composePath,
                pollInterval,
                status,
                health,
                lastSeenCommit,
                lastSyncedCommit,
                lastSyncAt,
                lastError,
                createdAt,
                updatedAt,
                false,
                false,
                null,
                List.of(),
                false,
                List.of(),
                false,
                List.of(),
                null, // stacks_file
                null, // stacks_glob
                null, // parent
                null, // pull_policy
                null, // overlay_dir
                null, // layout
                Target.COMPOSE,
                false,
                false,
                null,
                null,
                null,
                null,
                false,
                false,
                false);
    }
}
