package io.conops.server.app;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of a create request; strings on the wire, checked into an AppSpec. */
record AppRequest(
        @JsonProperty("name") String name,
        @JsonProperty("repo_url") String repoUrl,
        @JsonProperty("repo_auth_method") String repoAuthMethod,
        @JsonProperty("branch") String branch,
        @JsonProperty("compose_path") String composePath,
        @JsonProperty("poll_interval") String pollInterval) {}
