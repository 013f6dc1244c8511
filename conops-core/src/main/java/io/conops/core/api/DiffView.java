package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * What the next sync would do, per service and why, computed on a scratch export of the commit
 * without touching the running project.
 *
 * @param commit         the commit the next sync would deploy (the branch head now, else the last seen one)
 * @param deployedCommit the commit of the last successful sync, null before the first
 * @param changes        true when the next sync would change anything
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiffView(
        @JsonProperty("commit") String commit,
        @JsonProperty("deployed_commit") String deployedCommit,
        @JsonProperty("changes") boolean changes,
        @JsonProperty("services") List<ServiceDiff> services) {

    /**
     * @param reasons why: {@code definition changed: environment}, {@code file changed: site/index.html},
     *                {@code image changed}, {@code new service}, or what the live container lacks
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ServiceDiff(
            @JsonProperty("name") String name,
            @JsonProperty("action") Action action,
            @JsonProperty("reasons") List<String> reasons,
            @JsonProperty("desired_hash") String desiredHash,
            @JsonProperty("deployed_hash") String deployedHash,
            @JsonProperty("observed_hashes") List<String> observedHashes) {}

    /** What Compose would do to the service. */
    public enum Action {
        NONE,
        CREATE,
        RECREATE,
        START,
        /** A running container whose healthcheck fails: restarted in place. */
        RESTART,
        REMOVE;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
