package io.conops.server.metrics;

import io.conops.core.app.Health;
import io.conops.core.app.SyncStatus;
import io.conops.server.app.AppEntity;
import io.conops.server.sync.SyncQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code conops_apps{status,health}}, one series per pair (zero included, so a dashboard's sums
 * never miss a series), and {@code conops_queue_depth}. The counts come from one grouped query,
 * taken at most once a second however many series a scrape reads.
 */
@Component
class AppGauges implements MeterBinder {
    private static final Duration MAX_AGE = Duration.ofSeconds(1);

    private final EntityManagerFactory database;
    private final SyncQueue queue;
    private final Clock clock;
    private Map<SyncStatus, Map<Health, Long>> counts = Map.of();
    private Instant countedAt = Instant.MIN;

    AppGauges(EntityManagerFactory database, SyncQueue queue, Clock clock) {
        this.database = database;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (SyncStatus status : SyncStatus.values()) {
            for (Health health : Health.values()) {
                Gauge.builder("conops.apps", () -> count(status, health))
                        .description("Apps by sync status and health")
                        .tag("status", status.wire())
                        .tag("health", health.wire())
                        .register(meters);
            }
        }
        Gauge.builder("conops.queue.depth", queue::depth)
                .description("Apps whose sync runs or waits to run")
                .register(meters);
    }

    private synchronized double count(SyncStatus status, Health health) {
        Instant now = clock.instant();
        if (Duration.between(countedAt, now).compareTo(MAX_AGE) > 0) {
            try {
                counts = query();
                countedAt = now;
            } catch (RuntimeException e) {
                return Double.NaN; // the database is away: no number rather than a wrong one
            }
        }
        return counts.getOrDefault(status, Map.of()).getOrDefault(health, 0L);
    }

    private Map<SyncStatus, Map<Health, Long>> query() {
        try (EntityManager em = database.createEntityManager()) {
            List<Object[]> rows = em.createQuery(
                            "select a.status, a.health, count(a) from " + AppEntity.class.getSimpleName()
                                    + " a group by a.status, a.health",
                            Object[].class)
                    .getResultList();
            Map<SyncStatus, Map<Health, Long>> out = new EnumMap<>(SyncStatus.class);
            for (Object[] row : rows) {
                out.computeIfAbsent((SyncStatus) row[0], s -> new HashMap<>())
                        .put((Health) row[1], ((Number) row[2]).longValue());
            }
            return out;
        }
    }
}
