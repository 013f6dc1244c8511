package io.conops.server.sync;

import io.conops.core.port.EnginePort;
import io.conops.core.reconcile.Compare;
import io.conops.core.reconcile.Decision;
import io.conops.core.reconcile.DesiredService;
import io.conops.core.reconcile.ObservedContainer;
import io.conops.core.reconcile.Reason;
import io.conops.core.reconcile.ServiceDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Waits after {@code up} until every service runs and passes its healthcheck, or says why not. */
final class Readiness {
    private final EnginePort engine;
    private final Clock clock;
    private final Duration syncTimeout;

    Readiness(EnginePort engine, Clock clock, Duration syncTimeout) {
        this.engine = engine;
        this.clock = clock;
        this.syncTimeout = syncTimeout;
    }

    Decision await(String project, List<DeployedService> services, Instant deadline) {
        List<DesiredService> desired = services.stream()
                .map(s -> new DesiredService(s.name(), s.hash(), s.oneShot()))
                .toList();
        Instant firstFailure = null;
        while (true) {
            List<ObservedContainer> observed = engine.containers(project);
            Decision d = Compare.compare(desired, observed);
            boolean starting = d.services().stream().anyMatch(s -> s.reason() == Reason.STARTING);
            if (!d.needsApply() && !starting) {
                return d;
            }
            List<ServiceDecision> bad = d.services().stream()
                    .filter(s -> s.reason() == Reason.UNHEALTHY || s.reason() == Reason.NOT_RUNNING)
                    .toList();
            Instant now = clock.instant();
            if (!bad.isEmpty()) {
                firstFailure = firstFailure == null ? now : firstFailure;
                // give restart policies a moment before calling a service failed
                if (Duration.between(firstFailure, now).compareTo(Duration.ofSeconds(5)) > 0) {
                    throw new SyncFailure("services did not start: " + d.summary());
                }
            } else {
                firstFailure = null;
            }
            if (now.isAfter(deadline)) {
                throw new SyncFailure("services not ready within " + syncTimeout.toSeconds() + "s: "
                        + (d.needsApply() ? d.summary() : "healthcheck still starting"));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncFailure("interrupted while waiting for services", e);
            }
        }
    }
}
