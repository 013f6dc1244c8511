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
        @JsonProperty("stacks_file") String stacksFile,
        @JsonProperty("stacks_glob") String stacksGlob,
        @JsonProperty("pull_policy") String pullPolicy,
        @JsonProperty("overlay_dir") String overlayDir,
        @JsonProperty("layout") String layout,
        @JsonProperty("allow_pre_scripts") Boolean allowPreScripts,
        @JsonProperty("target") String target,
        @JsonProperty("age_key") String ageKey,
        @JsonProperty("require_signed_commits") Boolean requireSignedCommits,
        @JsonProperty("allowed_signers") String allowedSigners,
        @JsonProperty("gpg_public_keys") String gpgPublicKeys,
        @JsonProperty("docker_host") String dockerHost,
        @JsonProperty("docker_ssh_key") String dockerSshKey,
        @JsonProperty("notify_urls") List<String> notifyUrls,
        @JsonProperty("docker_tls_ca") String dockerTlsCa,
        @JsonProperty("docker_tls_cert") String dockerTlsCert,
        @JsonProperty("docker_tls_key") String dockerTlsKey) {

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
                null);
    }

    /** The request as before stack sets existed: every later field left to its default. */
    public CreateAppRequest(
            String name,
            String repoUrl,
            String repoAuthMethod,
            String branch,
            String composePath,
            String pollInterval,
            String deployKey,
            String repoToken,
            String repoUsername,
            List<RegistryAuth> registryAuth,
            Boolean imageUpdates,
            String webhookSecret,
            Map<String, String> serviceEnvs) {
        this(
                name,
                repoUrl,
                repoAuthMethod,
                branch,
                composePath,
                pollInterval,
                deployKey,
                repoToken,
                repoUsername,
                registryAuth,
                imageUpdates,
                webhookSecret,
                serviceEnvs,
                null, // stacks_file
                null, // stacks_glob
                null, // pull_policy
                null, // overlay_dir
                null, // layout
                null, // allow_pre_scripts
                null, // target
                null, // age_key
                null, // require_signed_commits
                null, // allowed_signers
                null, // gpg_public_keys
                null, // docker_host
                null, // docker_ssh_key
                null, // notify_urls
                null, // docker_tls_ca
                null, // docker_tls_cert
                null); // docker_tls_key
    }

    @Override
    public String toString() {
        return "CreateAppRequest[name=" + name + ", repoUrl=" + repoUrl + ", repoAuthMethod=" + repoAuthMethod
                + ", branch=" + branch + ", composePath=" + composePath + ", pollInterval=" + pollInterval
                + ", deployKey=" + (deployKey == null ? null : "***") + ", repoToken="
                + (repoToken == null ? null : "***")
                + ", repoUsername=" + repoUsername + ", registryAuth=" + registryAuth + ", imageUpdates=" + imageUpdates
                + ", webhookSecret=" + (webhookSecret == null ? null : "***") + ", serviceEnvs="
                + (serviceEnvs == null ? null : new java.util.TreeMap<>(serviceEnvs).keySet()) + ", stacksFile="
                + stacksFile
                + ", stacksGlob=" + stacksGlob + ", pullPolicy=" + pullPolicy + ", overlayDir="
                + overlayDir + ", layout=" + layout + ", allowPreScripts=" + allowPreScripts + ", target=" + target
                + ", ageKey=" + (ageKey == null ? null : "***")
                + ", requireSignedCommits=" + requireSignedCommits
                + ", dockerHost=" + dockerHost + ", dockerSshKey=" + (dockerSshKey == null ? null : "***")
                + ", notifyUrls=" + (notifyUrls == null ? null : "***")
                + ", dockerTlsCa=" + (dockerTlsCa == null ? null : "***")
                + ", dockerTlsCert=" + (dockerTlsCert == null ? null : "***")
                + ", dockerTlsKey=" + (dockerTlsKey == null ? null : "***") + "]";
    }
}
