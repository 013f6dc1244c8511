package io.conops.server.compose;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness includes the Docker Engine: without it ConOps can neither observe nor apply. */
@Component("docker")
class DockerHealthIndicator implements HealthIndicator {
    private final DockerEngine engine;

    DockerHealthIndicator(DockerEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        try {
            return Health.up().withDetail("version", engine.version()).build();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
