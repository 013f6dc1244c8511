package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A registry login as the API shows it: whose, never the password itself. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryAuthView(
        @JsonProperty("registry") String registry,
        @JsonProperty("username") String username,
        @JsonProperty("has_password") Boolean hasPassword) {}
