package io.conops.core.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * A typed fact that holds for an app now, with what to tell the user and since when it holds.
 * It disappears when its cause goes away.
 */
public record Condition(
        @JsonProperty("type") ConditionType type,
        @JsonProperty("message") String message,
        @JsonProperty("since") Instant since) {

    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(since, "since");
        message = message == null ? "" : message;
    }
}
