package io.conops.server.security;

import io.conops.server.system.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CONOPS_AUTH_MAX_FAILURES failed authentications from one address within CONOPS_AUTH_FAILURE_WINDOW
 * make it wait CONOPS_AUTH_BACKOFF.
 */
@ConfigurationProperties("conops.auth")
record AuthThrottleProperties(
        @DefaultValue("10") int maxFailures,
        @DefaultValue("1m") Duration failureWindow,
        @DefaultValue("1m") Duration backoff) {

    AuthThrottleProperties {
        if (maxFailures < 1) {
            throw new InvalidSettingException("CONOPS_AUTH_MAX_FAILURES", "must be at least 1");
        }
        if (failureWindow == null || failureWindow.isNegative() || failureWindow.isZero()) {
            throw new InvalidSettingException("CONOPS_AUTH_FAILURE_WINDOW", "must be a positive duration such as 1m");
        }
        if (backoff == null || backoff.isNegative() || backoff.isZero()) {
            throw new InvalidSettingException("CONOPS_AUTH_BACKOFF", "must be a positive duration such as 1m");
        }
    }

    Duration window() {
        return failureWindow;
    }
}
