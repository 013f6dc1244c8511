package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.conops.core.app.Trigger;
import java.time.Instant;
import java.util.List;

/**
 * One sync of an app: which commit, why, when, how it ended, what Compose said, and per service the
 * hash and image it deployed ({@code services} is empty for a sync that deployed nothing).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeploymentView(
        @JsonProperty("id") long id,
        @JsonProperty("commit") String commit,
        @JsonProperty("commit_message") String commitMessage,
        @JsonProperty("commit_author") String commitAuthor,
        @JsonProperty("trigger") Trigger trigger,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("message") String message,
        @JsonProperty("transcript") String transcript,
        @JsonProperty("services") List<DeployedServiceView> services,
        @JsonProperty("requested_by") String requestedBy) {

    /** Per service, the desired-state hash this sync stamped and the image id it ran. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeployedServiceView(
            @JsonProperty("name") String name,
            @JsonProperty("hash") String hash,
            @JsonProperty("image") String image) {}

    public enum Outcome {
        RUNNING,
        SUCCEEDED,
        FAILED,
        INTERRUPTED,
        /** A sync that found nothing to change: kept as one record per commit, so it eats no history. */
        UNCHANGED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
