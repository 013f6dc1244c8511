package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of {@code POST /api/v1/tokens}: a name, a role ({@code admin}, {@code operator},
 * {@code viewer}), optionally the apps it is limited to and a lifetime ("30d", "12h").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateTokenRequest(
        @JsonProperty("name") String name,
        @JsonProperty("role") String role,
        @JsonProperty("apps") List<String> apps,
        @JsonProperty("expires_in") String expiresIn) {}
