package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A login for one container registry as a request carries it. {@code toString} never shows the
 * password. In a PATCH, an entry without a password keeps the one stored for that registry.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryAuth(
        @JsonProperty("registry") String registry,
        @JsonProperty("username") String username,
        @JsonProperty("password") String password) {

    @Override
    public String toString() {
        return "RegistryAuth[registry=" + registry + ", username=" + username + ", password="
                + (password == null ? null : "***") + "]";
    }
}
