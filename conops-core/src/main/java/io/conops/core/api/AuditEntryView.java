package io.conops.core.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One entry of the audit trail: when, which token, from where, what, on which app (or which token,
 * {@code target}), how it ended. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEntryView(
        @JsonProperty("id") long id,
        @JsonProperty("at") Instant at,
        @JsonProperty("token") String token,
        @JsonProperty("remote_address") String remoteAddress,
        @JsonProperty("action") String action,
        @JsonProperty("app") String app,
        @JsonProperty("target") String target,
        @JsonProperty("outcome") String outcome) {}
