package io.conops.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Failed authentications per client address: after {@code maxFailures} within {@code window} the
 * address waits out {@code backoff} before it may try again. Only that address waits, so a guesser
 * cannot lock the right token out from elsewhere. Caffeine bounds the table, so a flood of
 * addresses cannot fill the memory.
 */
@Component
class AuthThrottle {
    private final AuthThrottleProperties settings;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    /** Failures since {@code since}; {@code blockedUntil} is set once they pass the limit. */
    private record Failures(Instant since, int count, Instant blockedUntil) {}

    AuthThrottle(AuthThrottleProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Duration keep = settings.window().compareTo(settings.backoff()) > 0 ? settings.window() : settings.backoff();
        this.failures = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(keep)
                .build();
    }

    /** How long the address must still wait, if it must. */
    Optional<Duration> waitFor(String address) {
        Failures f = failures.getIfPresent(address);
        Instant now = clock.instant();
        if (f == null || f.blockedUntil() == null) {
            return Optional.empty();
        }
        if (!now.isBefore(f.blockedUntil())) {
            failures.invalidate(address);
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.blockedUntil()));
    }

    void failed(String address) {
        Instant now = clock.instant();
        failures.asMap().compute(address, (a, f) -> {
            if (f == null || now.isAfter(f.since().plus(settings.window()))) {
                f = new Failures(now, 0, null);
            }
            int count = f.count() + 1;
            Instant blocked = count >= settings.maxFailures() ? now.plus(settings.backoff()) : null;
            return new Failures(f.since(), count, blocked);
        });
    }
}
