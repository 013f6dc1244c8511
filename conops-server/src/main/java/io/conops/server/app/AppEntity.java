package io.conops.server.app;

import io.conops.core.app.AppSpec;
import io.conops.core.app.AppStatus;
import io.conops.core.app.Condition;
import io.conops.core.app.HealStreak;
import io.conops.core.app.Health;
import io.conops.core.app.Layout;
import io.conops.core.app.PullPolicy;
import io.conops.core.app.RepoAuthMethod;
import io.conops.core.app.SyncStatus;
import io.conops.core.app.Target;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An app's spec and status in one row. Writers touch disjoint columns (the watcher the seen
 * commit, the sync worker the outcome, the API the spec), so updates write only dirty columns.
 */
@Entity
@Table(name = "apps")
@DynamicUpdate
@EntityListeners(AppWriteListener.class)
public class AppEntity {
    static final int LAST_ERROR_LIMIT = 8000;

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, length = 63)
    private String name;

    @Column(name = "repo_url", nullable = false, length = 2048)
    private String repoUrl;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "repo_auth_method", nullable = false, length = 16)
    private RepoAuthMethod repoAuthMethod;

    @Column(nullable = false)
    private String branch;

    @Column(name = "compose_path", nullable = false, length = 1024)
    private String composePath;

    @Convert(converter = DurationMillisConverter.class)
    @Column(name = "poll_interval_ms", nullable = false)
    private Duration pollInterval;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private SyncStatus status;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private Health health;

    @Column(name = "last_seen_commit", length = 64)
    private String lastSeenCommit;

    @Column(name = "last_synced_commit", length = 64)
    private String lastSyncedCommit;

    @Column(name = "last_sync_at")
    private Instant lastSyncAt;

    @Column(name = "last_error", length = LAST_ERROR_LIMIT)
    private String lastError;

    /** The commit whose sync failed; with failure_count and next_retry_at it stops hot loops. */
    @Column(name = "failed_commit", length = 64)
    private String failedCommit;

    @Column(name = "failure_count", nullable = false)
    private int failureCount;

    @Column(name = "next_retry_at")
    private Instant nextRetryAt;

    /**
     * JSON of the services the last successful sync deployed: what drift is measured against. The
     * column has no length limit (V3): it grows with the number of services.
     */
    @Column(name = "deployed_services")
    private String deployedServices;

    /** The conditions that hold now (JSON), see {@link io.conops.core.app.Condition}. */
    @Convert(converter = StatusColumns.ConditionsConverter.class)
    @Column(name = "conditions", length = 20000)
    private List<Condition> conditions = List.of();

    /** The self-heal streak in progress (JSON), null when calm. */
    @Convert(converter = StatusColumns.HealStreakConverter.class)
    @Column(name = "heal_streak", length = 10000)
    private HealStreak healStreak;

    /** The app's secrets, in their own table. */
    @OneToOne(mappedBy = "app", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    private AppCredentialsEntity credentials;

    @Column(name = "image_updates", nullable = false)
    private boolean imageUpdates;

    /** The folder whose {@code <host name>/} overlays the repository root; "" for no overlays. */
    @Column(name = "overlay_dir", nullable = false)
    private String overlayDir = "hosts";

    /** A {@link Layout} by its wire name, as the API spells it. */
    @Column(name = "layout", nullable = false)
    private String layout = Layout.COMPOSE.wire();

    /** Compose project or Swarm stack. */
    @Enumerated(EnumType.STRING)
    @Column(name = "target", nullable = false, length = 16)
    private Target target = Target.COMPOSE;

    @Column(name = "require_signed_commits", nullable = false)
    private boolean requireSignedCommits;

    /** OpenSSH allowed-signers lines: whose SSH signatures the app accepts. */
    @Column(name = "allowed_signers", length = 200000)
    private String allowedSigners;

    /** Armored OpenPGP public keys: whose GPG signatures the app accepts. */
    @Column(name = "gpg_public_keys", length = 200000)
    private String gpgPublicKeys;

    /** The commit a rollback pinned the app to; null while it follows its branch. */
    @Column(name = "pinned_commit", length = 64)
    private String pinnedCommit;

    /** The engine the app runs on (see EngineAddress); null: ConOps' own DOCKER_HOST. */
    @Column(name = "docker_host", length = 1000)
    private String dockerHost;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** A stack set lists its stacks in this file (DockerOps' stacks.yaml) ... */
    @Column(name = "stacks_file", length = 1024)
    private String stacksFile;

    /** ... or finds them by this glob over compose files; then compose_path is not used. */
    @Column(name = "stacks_glob", length = 1024)
    private String stacksGlob;

    /** When its images are pulled; null: CONOPS_PULL_POLICY. */
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "pull_policy", length = 16)
    private PullPolicy pullPolicy;

    /** The stack set this app is a stack of (its name); null for an app of its own. */
    @Column(name = "parent", length = 63)
    private String parent;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AppEntity() {}

    public AppEntity(UUID id, String name, Instant now) {
        this.id = id;
        this.name = name;
        this.status = SyncStatus.REGISTERED;
        this.health = Health.UNKNOWN;
        this.createdAt = now;
        this.updatedAt = now;
        this.credentials = new AppCredentialsEntity(this);
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getRepoUrl() {
        return repoUrl;
    }

    public void setRepoUrl(String repoUrl) {
        this.repoUrl = repoUrl;
    }

    public RepoAuthMethod getRepoAuthMethod() {
        return repoAuthMethod;
    }

    public void setRepoAuthMethod(RepoAuthMethod m) {
        this.repoAuthMethod = m;
    }

    public String getBranch() {
        return branch;
    }

    public void setBranch(String branch) {
        this.branch = branch;
    }

    public String getComposePath() {
        return composePath;
    }

    public void setComposePath(String composePath) {
        this.composePath = composePath;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public SyncStatus getStatus() {
        return status;
    }

    public Health getHealth() {
        return health;
    }

    public String getLastSeenCommit() {
        return lastSeenCommit;
    }

    public String getLastSyncedCommit() {
        return lastSyncedCommit;
    }

    public Instant getLastSyncAt() {
        return lastSyncAt;
    }

    public String getLastError() {
        return lastError;
    }

    /** Cut to the column's 8000 characters: a long message must not fail the write that records it. */
    public void setLastError(String e) {
        this.lastError = e == null || e.length() <= LAST_ERROR_LIMIT ? e : e.substring(0, LAST_ERROR_LIMIT);
    }

    public String getFailedCommit() {
        return failedCommit;
    }

    public int getFailureCount() {
        return failureCount;
    }

    public Instant getNextRetryAt() {
        return nextRetryAt;
    }

    public String getDeployedServices() {
        return deployedServices;
    }

    public void setDeployedServices(String json) {
        this.deployedServices = json;
    }

    AppCredentialsEntity credentials() {
        if (credentials == null) {
            credentials = new AppCredentialsEntity(this);
        }
        return credentials;
    }

    public String getDeployKeyEnc() {
        return credentials().getDeployKeyEnc();
    }

    public void setDeployKeyEnc(String c) {
        credentials().setDeployKeyEnc(c);
    }

    public String getRepoTokenEnc() {
        return credentials().getRepoTokenEnc();
    }

    public void setRepoTokenEnc(String c) {
        credentials().setRepoTokenEnc(c);
    }

    public String getRepoUsername() {
        return credentials().getRepoUsername();
    }

    public void setRepoUsername(String u) {
        credentials().setRepoUsername(u);
    }

    public String getRegistryAuth() {
        return credentials().getRegistryAuth();
    }

    public void setRegistryAuth(String json) {
        credentials().setRegistryAuth(json);
    }

    public String getServiceEnvsEnc() {
        return credentials().getServiceEnvsEnc();
    }

    public void setServiceEnvsEnc(String c) {
        credentials().setServiceEnvsEnc(c);
    }

    /** The names of the app's service_envs, sorted; empty when it has none. */
    public java.util.List<String> getServiceEnvKeys() {
        String keys = credentials().getServiceEnvKeys();
        return keys == null || keys.isEmpty() ? java.util.List.of() : java.util.List.of(keys.split(","));
    }

    void setServiceEnvKeys(java.util.Collection<String> keys) {
        credentials().setServiceEnvKeys(keys.isEmpty() ? null : String.join(",", keys));
    }

    public String getAgeKeyEnc() {
        return credentials().getAgeKeyEnc();
    }

    public void setAgeKeyEnc(String c) {
        credentials().setAgeKeyEnc(c);
    }

    public String getWebhookSecretEnc() {
        return credentials().getWebhookSecretEnc();
    }

    public void setWebhookSecretEnc(String c) {
        credentials().setWebhookSecretEnc(c);
    }

    public String getNotifyUrlsEnc() {
        return credentials().getNotifyUrlsEnc();
    }

    public void setNotifyUrlsEnc(String c) {
        credentials().setNotifyUrlsEnc(c);
    }

    public List<Condition> getConditions() {
        return conditions == null ? List.of() : conditions;
    }

    /** The spec as the user gave it (validated again on the way out). */
    public AppSpec spec() {
        return new AppSpec(name, repoUrl, repoAuthMethod, branch, composePath, pollInterval);
    }

    /** The status as core's policy sees it. */
    public AppStatus status() {
        return new AppStatus(
                status,
                health,
                lastSeenCommit,
                lastSyncedCommit,
                lastSyncAt,
                lastError,
                failedCommit,
                failureCount,
                nextRetryAt,
                healStreak,
                getConditions(),
                pinnedCommit);
    }

    /** Takes a status the policy returned; true when anything changed. */
    public boolean apply(AppStatus s) {
        if (s.equals(status())) {
            return false;
        }
        status = s.sync();
        health = s.health();
        lastSeenCommit = s.lastSeenCommit();
        lastSyncedCommit = s.lastSyncedCommit();
        lastSyncAt = s.lastSyncAt();
        setLastError(s.lastError());
        failedCommit = s.failedCommit();
        failureCount = s.failureCount();
        nextRetryAt = s.nextRetryAt();
        healStreak = s.heal();
        conditions = s.conditions();
        pinnedCommit = s.pinnedCommit();
        return true;
    }

    public boolean isImageUpdates() {
        return imageUpdates;
    }

    public void setImageUpdates(boolean on) {
        this.imageUpdates = on;
    }

    public String getStacksFile() {
        return stacksFile;
    }

    public void setStacksFile(String path) {
        this.stacksFile = path;
    }

    public String getStacksGlob() {
        return stacksGlob;
    }

    public void setStacksGlob(String glob) {
        this.stacksGlob = glob;
    }

    /** Whether this app is a stack set: it deploys no containers itself, its child apps do. */
    public boolean isStackSet() {
        return stacksFile != null || stacksGlob != null;
    }

    public PullPolicy getPullPolicy() {
        return pullPolicy;
    }

    public void setPullPolicy(PullPolicy policy) {
        this.pullPolicy = policy;
    }

    public String getParent() {
        return parent;
    }

    public void setParent(String parentName) {
        this.parent = parentName;
    }

    public String getOverlayDir() {
        return overlayDir;
    }

    public void setOverlayDir(String overlayDir) {
        this.overlayDir = overlayDir;
    }

    public Layout getLayout() {
        return Layout.fromWire(layout);
    }

    public void setLayout(Layout layout) {
        this.layout = layout.wire();
    }

    public Target getTarget() {
        return target == null ? Target.COMPOSE : target;
    }

    public void setTarget(Target target) {
        this.target = target;
    }

    public boolean isRequireSignedCommits() {
        return requireSignedCommits;
    }

    public void setRequireSignedCommits(boolean on) {
        this.requireSignedCommits = on;
    }

    public String getAllowedSigners() {
        return allowedSigners;
    }

    public void setAllowedSigners(String lines) {
        this.allowedSigners = lines;
    }

    public String getGpgPublicKeys() {
        return gpgPublicKeys;
    }

    public void setGpgPublicKeys(String keys) {
        this.gpgPublicKeys = keys;
    }

    public String getPinnedCommit() {
        return pinnedCommit;
    }

    public String getDockerHost() {
        return dockerHost;
    }

    void setDockerHost(String dockerHost) {
        this.dockerHost = dockerHost;
    }

    public String getDockerSshKeyEnc() {
        return credentials().getDockerSshKeyEnc();
    }

    void setDockerSshKeyEnc(String c) {
        credentials().setDockerSshKeyEnc(c);
    }

    public String getDockerTlsEnc() {
        return credentials().getDockerTlsEnc();
    }

    void setDockerTlsEnc(String c) {
        credentials().setDockerTlsEnc(c);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void touch(Instant now) {
        this.updatedAt = now;
    }
}
