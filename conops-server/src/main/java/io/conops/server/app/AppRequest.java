package io.conops.server.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conops.core.api.RegistryAuth;
import java.util.List;

/** Body of a create request; strings on the wire, checked into an AppSpec. toString hides secrets. */
record AppRequest(
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
        @JsonProperty("image_updates") Boolean imageUpdates) {

    @Override
    public String toString() {
        return "AppRequest[name=" + name + ", repoUrl=" + repoUrl + ", repoAuthMethod=" + repoAuthMethod
                + ", branch=" + branch + ", composePath=" + composePath + ", pollInterval=" + pollInterval
                + ", deployKey=" + (deployKey == null ? null : "***") + ", repoToken="
                + (repoToken == null ? null : "***")
                + ", repoUsername=" + repoUsername + ", registryAuth=" + registryAuth + ", imageUpdates=" + imageUpdates
                + "]";
    }
}
