package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.conops.core.app.Health;
import io.conops.core.reconcile.Reason;
import java.util.List;

/**
 * One service of an app as the Engine shows it now, next to what the last successful sync deployed.
 * An extra container that belongs to no deployed service is listed with reason {@code orphan}.
 *
 * @param state          the Engine's state of its containers (running, exited, …), or missing
 * @param desiredHash    the {@code conops.config-hash} the last successful sync stamped
 * @param observedHashes the {@code conops.config-hash} labels of its containers (null for none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceView(
        @JsonProperty("name") String name,
        @JsonProperty("state") String state,
        @JsonProperty("health") Health health,
        @JsonProperty("container_ids") List<String> containerIds,
        @JsonProperty("image") String image,
        @JsonProperty("desired_hash") String desiredHash,
        @JsonProperty("observed_hashes") List<String> observedHashes,
        @JsonProperty("in_sync") boolean inSync,
        @JsonProperty("reason") Reason reason,
        @JsonProperty("detail") String detail) {}
