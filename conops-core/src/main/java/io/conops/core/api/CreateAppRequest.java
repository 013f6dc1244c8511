package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /api/v1/apps/}. Unset optional fields take their defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateAppRequest(
        @JsonProperty("name") String name,
        @JsonProperty("repo_url") String repoUrl,
        @JsonProperty("repo_auth_method") String repoAuthMethod,
        @JsonProperty("branch") String branch,
        @JsonProperty("compose_path") String composePath,
        @JsonProperty("poll_interval") String pollInterval) {}
