package io.conops.core.swarm;

import io.conops.core.app.Health;
import io.conops.core.reconcile.Decision;
import io.conops.core.reconcile.DesiredService;
import io.conops.core.reconcile.Reason;
import io.conops.core.reconcile.ServiceDecision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code (desired, observed services) -> decision} for a stack: the Swarm counterpart of
 * {@link io.conops.core.reconcile.Compare}, with the same reasons, so the policy, the heal and the
 * health roll-up treat a stack like a Compose project. The Swarm restarts failed tasks itself; what
 * only a new {@code stack deploy} repairs is a service that is missing, runs another definition, or
 * was changed by hand.
 */
public final class SwarmCompare {
    private SwarmCompare() {}

    /**
     * @param deployedSpecs per service, the spec fingerprint seen right after ConOps last deployed
     *     it; a service without one is not checked for changes by hand
     */
    public static Decision compare(
            Collection<DesiredService> desired, List<ObservedService> observed, Map<String, String> deployedSpecs) {
        Map<String, ObservedService> byName = new TreeMap<>();
        observed.forEach(s -> byName.put(s.service(), s));
        List<ServiceDecision> out = new ArrayList<>();
        desired.stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(d -> out.add(judge(d, byName.get(d.name()), deployedSpecs.get(d.name()))));
        byName.forEach((name, s) -> {
            if (desired.stream().noneMatch(d -> d.name().equals(name))) {
                out.add(new ServiceDecision(
                        name, Reason.ORPHAN, Health.UNKNOWN, "service is not part of the desired state"));
            }
        });
        return new Decision(out);
    }

    private static ServiceDecision judge(DesiredService d, ObservedService s, String deployedSpec) {
        String name = d.name();
        if (s == null) {
            return new ServiceDecision(name, Reason.MISSING, Health.MISSING, "no service");
        }
        if (d.configHash() != null && !d.configHash().equals(s.configHash())) {
            return new ServiceDecision(
                    name,
                    Reason.HASH_DIFFERS,
                    Health.DEGRADED,
                    s.configHash() == null
                            ? "service has no conops.config-hash label (changed by hand?)"
                            : "service runs another definition");
        }
        if (deployedSpec != null && !deployedSpec.equals(s.fingerprint())) {
            return new ServiceDecision(
                    name,
                    Reason.HASH_DIFFERS,
                    Health.DEGRADED,
                    "service was changed by hand since it was deployed (" + s.replicas() + " replicas)");
        }
        String state = s.updateState() == null ? "" : s.updateState();
        if (state.equals("paused") || state.equals("rollback_paused")) {
            return new ServiceDecision(
                    name, Reason.UNHEALTHY, Health.DEGRADED, "update " + state + ": " + s.updateMessage());
        }
        if (state.equals("updating") || state.equals("rollback_started")) {
            return new ServiceDecision(
                    name, Reason.STARTING, Health.PROGRESSING, state + ", " + s.replicas() + " replicas running");
        }
        if (s.running() < s.desired()) {
            return s.taskErrors().isEmpty()
                    ? new ServiceDecision(name, Reason.STARTING, Health.PROGRESSING, s.replicas() + " replicas running")
                    : new ServiceDecision(
                            name,
                            Reason.NOT_RUNNING,
                            Health.DEGRADED,
                            s.replicas() + " replicas running; last task error: "
                                    + s.taskErrors().get(0));
        }
        return new ServiceDecision(name, Reason.IN_SYNC, Health.HEALTHY, s.replicas() + " replicas running");
    }
}
