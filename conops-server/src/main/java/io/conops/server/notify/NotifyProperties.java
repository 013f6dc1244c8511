package io.conops.server.notify;

import io.conops.core.app.NotifyUrl;
import io.conops.server.system.InvalidSettingException;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CONOPS_NOTIFY_URLS (comma-separated), and how deliveries are made: CONOPS_NOTIFY_TIMEOUT per
 * attempt, CONOPS_NOTIFY_ATTEMPTS in all, the first retry after CONOPS_NOTIFY_BACKOFF and each
 * next one after twice as long.
 */
@ConfigurationProperties("conops.notify")
record NotifyProperties(
        List<String> urls,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("5") int attempts,
        @DefaultValue("2s") Duration backoff) {

    NotifyProperties {
        urls = urls == null
                ? List.of()
                : urls.stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
        try {
            NotifyUrl.parseAll(urls);
        } catch (IllegalArgumentException e) {
            // the message names the entry by its position only: the URL is a secret
            throw new InvalidSettingException("CONOPS_NOTIFY_URLS", e.getMessage());
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidSettingException("CONOPS_NOTIFY_TIMEOUT", "must be a positive duration such as 10s");
        }
        if (attempts < 1 || attempts > 20) {
            throw new InvalidSettingException("CONOPS_NOTIFY_ATTEMPTS", "must be between 1 and 20");
        }
        if (backoff == null || backoff.isNegative() || backoff.isZero()) {
            throw new InvalidSettingException("CONOPS_NOTIFY_BACKOFF", "must be a positive duration such as 2s");
        }
    }

    List<NotifyUrl> targets() {
        return NotifyUrl.parseAll(urls);
    }

    /** The generated toString would print the URLs. */
    @Override
    public String toString() {
        return "NotifyProperties[urls=" + urls.size() + ", timeout=" + timeout + ", attempts=" + attempts + ", backoff="
                + backoff + "]";
    }
}
