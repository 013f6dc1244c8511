package io.conops.server.sync;

import io.conops.core.app.ConditionType;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Waits after {@code up} until every service runs (and passes its healthcheck) and has stayed up
 * for a settle period since its container was created, or says why not. Without the settle period
 * a service that exits a second after it starts would count as deployed.
 */
final class Readiness {
    /** Restart policies get this long to bring a stopped or unhealthy container back. */
    static final Duration GRACE = Duration.ofSeconds(5);

    /** Longest pause between two looks while a healthcheck is starting (no event says it passed). */
    static final Duration LOOK_AGAIN = Duration.ofMillis(250);

    private final EnginePort engine;
    private final ProjectEvents events;
    private final Clock clock;
    private final Duration syncTimeout;
    private final Duration settle;

    Readiness(EnginePort engine, ProjectEvents events, Clock clock, Duration syncTimeout, Duration settle) {
        this.engine = engine;
        this.events = events;
        this.clock = clock;
        this.syncTimeout = syncTimeout;
        this.settle = settle;
    }

    /**
     * @throws SyncFailure naming the services and why: {@link ConditionType#CRASH_LOOP} when one
     *     exited, {@link ConditionType#APPLY_FAILED} when one stayed unhealthy or time ran out
     */
    Decision await(String project, List<DesiredService> desired, Instant deadline) {
        Set<String> names = desired.stream().map(DesiredService::name).collect(Collectors.toSet());
        Instant firstFailure = null;
        while (true) {
            long seen = events.generation(project);
            // only the services waited for: a heal of one leaves the others (a completed one-shot) as they are
            List<ObservedContainer> observed = engine.containers(project).stream()
                    .filter(c -> names.contains(c.service()))
                    .toList();
            Decision d = Compare.compare(desired, observed);
            Instant now = clock.instant();
            boolean starting = d.services().stream().anyMatch(s -> s.reason() == Reason.STARTING);
            Instant settled = settledAt(observed, names);
            if (!d.needsApply() && !starting && !now.isBefore(settled)) {
                return d;
            }
            List<ServiceDecision> bad = d.services().stream()
                    .filter(s -> s.reason() == Reason.UNHEALTHY || s.reason() == Reason.NOT_RUNNING)
                    .toList();
            if (!bad.isEmpty()) {
                firstFailure = firstFailure == null ? now : firstFailure;
                if (Duration.between(firstFailure, now).compareTo(GRACE) > 0) {
                    throw failed(d, bad);
                }
            } else {
                firstFailure = null;
            }
            if (now.isAfter(deadline)) {
                throw new SyncFailure("services not ready within " + syncTimeout.toSeconds() + "s: "
                        + (d.needsApply() ? d.summary() : "healthcheck still starting"));
            }
            // woken by the project's next Engine event (a container died, started, turned unhealthy);
            // otherwise look again when the settle period ends, or soon while a healthcheck runs
            Duration wait = bad.isEmpty() && !starting && !d.needsApply() ? Duration.between(now, settled) : LOOK_AGAIN;
            try {
                events.awaitAfter(project, seen, min(wait, LOOK_AGAIN.multipliedBy(4)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncFailure("interrupted while waiting for services", e);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        Duration positive = a.isNegative() ? Duration.ZERO : a;
        return positive.compareTo(b) < 0 ? positive : b;
    }

    /** When the newest running container of the services will have been up for the settle period. */
    private Instant settledAt(List<ObservedContainer> observed, Set<String> services) {
        return observed.stream()
                .filter(c -> c.running() && services.contains(c.service()) && c.created() != null)
                .map(c -> c.created().plus(settle))
                .max(Instant::compareTo)
                .orElse(Instant.MIN);
    }

    private static SyncFailure failed(Decision d, List<ServiceDecision> bad) {
        boolean exited = bad.stream().anyMatch(s -> s.reason() == Reason.NOT_RUNNING);
        String which = bad.stream().map(s -> s.service() + ": " + s.detail()).collect(Collectors.joining("; "));
        return exited
                ? new SyncFailure(ConditionType.CRASH_LOOP, "services did not stay up: " + which)
                : new SyncFailure(ConditionType.APPLY_FAILED, "services did not become healthy: " + which);
    }
}
