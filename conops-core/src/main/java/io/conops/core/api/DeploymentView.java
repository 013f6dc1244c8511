package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.conops.core.app.Trigger;
import java.time.Instant;

/** One sync of an app: which commit, why, when, how it ended, and what Compose said. */
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
        @JsonProperty("transcript") String transcript) {

    public enum Outcome {
        RUNNING,
        SUCCEEDED,
        FAILED,
        INTERRUPTED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
