package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One engine in use, as {@code GET /api/v1/engines} shows it: its address ({@code local} for
 * ConOps' own DOCKER_HOST), whether it answered, its version when it did, why not when it did not,
 * and the apps that run on it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngineView(
        @JsonProperty("docker_host") String dockerHost,
        @JsonProperty("reachable") boolean reachable,
        @JsonProperty("version") String version,
        @JsonProperty("error") String error,
        @JsonProperty("apps") List<String> apps) {
    public EngineView {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }
}
