package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /api/v1/apps/{app}/rollback}: the recorded deployment to redeploy, by its id
 * or by its commit (a full SHA or a prefix of at least 7 characters); exactly one of the two.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollbackRequest(
        @JsonProperty("deployment_id") Long deploymentId,
        @JsonProperty("commit") String commit) {}
