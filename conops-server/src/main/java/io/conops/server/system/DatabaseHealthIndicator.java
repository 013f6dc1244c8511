package io.conops.server.system;

import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The readiness probe's {@code db}, in place of Spring Boot's, which asks {@code isValid} and so
 * stays UP while H2 is closed or read-only after a storage failure (see {@link DatabaseProbe}).
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator implements HealthIndicator {
    private final DatabaseRecovery database;

    DatabaseHealthIndicator(DatabaseRecovery database) {
        this.database = database;
    }

    @Override
    public Health health() {
        Optional<String> problem = database.problem();
        return problem.isEmpty()
                ? Health.up().build()
                : Health.down().withDetail("error", problem.get()).build();
    }
}
