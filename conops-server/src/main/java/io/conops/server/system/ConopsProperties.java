package io.conops.server.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ConOps' settings, bound from environment variables ({@code CONOPS_SYNC_TIMEOUT} →
 * {@code conops.sync-timeout}). Validated here, so a bad value stops start-up naming the variable.
 */
@ConfigurationProperties("conops")
public record ConopsProperties(
        @DefaultValue("./data") Path dataDir,
        String adminToken,
        @DefaultValue("false") boolean allowFileRepos,
        @DefaultValue("10s") Duration reconcileInterval,
        @DefaultValue("5m") Duration syncTimeout,
        @DefaultValue("false") boolean retryErrors,
        @DefaultValue("30s") Duration retryInitialBackoff,
        @DefaultValue("10m") Duration retryMaxBackoff,
        @DefaultValue("4") int maxParallelSyncs,
        @DefaultValue("50") int deploymentRetention,
        @DefaultValue("1m") Duration gitTimeout,
        Path knownHostsFile,
        String encryptionKey,
        Path encryptionKeyFile,
        @DefaultValue("2s") Duration healInitialBackoff,
        @DefaultValue("5m") Duration healMaxBackoff,
        @DefaultValue("10m") Duration healCalmAfter,
        @DefaultValue("2s") Duration readinessSettle,
        @DefaultValue("") String webhookSecret,
        @DefaultValue("90d") Duration auditRetention) {

    public ConopsProperties {
        positive("CONOPS_RECONCILE_INTERVAL", reconcileInterval);
        positive("CONOPS_SYNC_TIMEOUT", syncTimeout);
        positive("CONOPS_RETRY_INITIAL_BACKOFF", retryInitialBackoff);
        positive("CONOPS_RETRY_MAX_BACKOFF", retryMaxBackoff);
        positive("CONOPS_GIT_TIMEOUT", gitTimeout);
        positive("CONOPS_HEAL_INITIAL_BACKOFF", healInitialBackoff);
        positive("CONOPS_HEAL_MAX_BACKOFF", healMaxBackoff);
        positive("CONOPS_HEAL_CALM_AFTER", healCalmAfter);
        positive("CONOPS_AUDIT_RETENTION", auditRetention);
        if (readinessSettle == null || readinessSettle.isNegative()) {
            throw new InvalidSettingException(
                    "CONOPS_READINESS_SETTLE", "must be a duration such as 2s (0s turns the settle period off)");
        }
        if (healMaxBackoff.compareTo(healInitialBackoff) < 0) {
            throw new InvalidSettingException(
                    "CONOPS_HEAL_MAX_BACKOFF", "must not be shorter than CONOPS_HEAL_INITIAL_BACKOFF");
        }
        if (maxParallelSyncs < 1 || maxParallelSyncs > 64) {
            throw new InvalidSettingException("CONOPS_MAX_PARALLEL_SYNCS", "must be between 1 and 64");
        }
        if (deploymentRetention < 1) {
            throw new InvalidSettingException("CONOPS_DEPLOYMENT_RETENTION", "must be at least 1");
        }
        webhookSecret = webhookSecret == null ? "" : webhookSecret;
        if (!webhookSecret.isEmpty() && webhookSecret.length() < 16) {
            throw new InvalidSettingException("CONOPS_WEBHOOK_SECRET", "must be at least 16 characters");
        }
        if (adminToken != null && !adminToken.isEmpty() && adminToken.length() < 16) {
            throw new InvalidSettingException("CONOPS_ADMIN_TOKEN", "must be at least 16 characters");
        }
    }

    /** The global secret of webhook deliveries (CONOPS_WEBHOOK_SECRET), or empty when none is set. */
    public Optional<String> globalWebhookSecret() {
        return webhookSecret.isEmpty() ? Optional.empty() : Optional.of(webhookSecret);
    }

    /** The generated toString would print the admin token, the encryption key and the webhook secret. */
    @Override
    public String toString() {
        return "ConopsProperties[dataDir=" + dataDir + ", allowFileRepos=" + allowFileRepos + ", reconcileInterval="
                + reconcileInterval + ", syncTimeout=" + syncTimeout + ", retryErrors=" + retryErrors + ", gitTimeout="
                + gitTimeout
                + ", knownHostsFile=" + knownHostsFile + ", encryptionKeyFile=" + encryptionKeyFile
                + ", adminToken=" + (adminToken == null ? null : "***") + ", encryptionKey="
                + (encryptionKey == null ? null : "***") + ", webhookSecret="
                + (webhookSecret.isEmpty() ? null : "***") + "]";
    }

    private static void positive(String variable, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidSettingException(variable, "must be a positive duration such as 30s or 5m");
        }
    }
}
