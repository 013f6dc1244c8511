package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An API token as listed: never its value. {@code apps} is empty when the token may see all apps;
 * {@code expires_at} null when it does not expire. {@code token} is set only in the answer to its
 * creation, the one time the value is shown.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenView(
        @JsonProperty("name") String name,
        @JsonProperty("role") String role,
        @JsonProperty("apps") List<String> apps,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("last_used_at") Instant lastUsedAt,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("token") String token) {

    @Override
    public String toString() {
        return "TokenView[name=" + name + ", role=" + role + ", apps=" + apps + ", expiresAt=" + expiresAt + ", token="
                + (token == null ? null : "***") + "]";
    }
}
