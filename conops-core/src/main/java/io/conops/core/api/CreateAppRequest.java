package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Body of {@code POST /api/v1/apps/}. Unset optional fields take their defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateAppRequest(
        @JsonProperty("name") String name,
        @JsonProperty("repo_url") String repoUrl,
        @JsonProperty("repo_auth_method") String repoAuthMethod,
        @JsonProperty("branch") String branch,
        @JsonProperty("compose_path") String composePath,
        @JsonProperty("poll_interval") String pollInterval,
        @JsonProperty("deploy_key") String deployKey,
        @JsonProperty("repo_token") String repoToken,
        @JsonProperty("repo_username") String repoUsername,
        @JsonProperty("registry_auth") List<RegistryAuth> registryAuth,
        @JsonProperty("image_updates") Boolean imageUpdates,
        @JsonProperty("webhook_secret") String webhookSecret,
        @JsonProperty("service_envs") Map<String, String> serviceEnvs,
        @JsonProperty("notify_urls") List<String> notifyUrls) {

    /** A public repository's request, as before private repositories existed. */
    public CreateAppRequest(
            String name,
            String repoUrl,
            String repoAuthMethod,
            String branch,
            String composePath,
            String pollInterval) {
        this(
                name,
                repoUrl,
                repoAuthMethod,
                branch,
                composePath,
                pollInterval,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Override
    public String toString() {
        return "CreateAppRequest[name=" + name + ", repoUrl=" + repoUrl + ", repoAuthMethod=" + repoAuthMethod
                + ", branch=" + branch + ", composePath=" + composePath + ", pollInterval=" + pollInterval
                + ", deployKey=" + (deployKey == null ? null : "***") + ", repoToken="
                + (repoToken == null ? null : "***")
                + ", repoUsername=" + repoUsername + ", registryAuth=" + registryAuth + ", imageUpdates=" + imageUpdates
                + ", webhookSecret=" + (webhookSecret == null ? null : "***") + ", serviceEnvs="
                + (serviceEnvs == null ? null : new java.util.TreeMap<>(serviceEnvs).keySet()) + ", notifyUrls="
                + (notifyUrls == null ? null : "***") + "]";
    }
}
