package io.conops.core.reconcile;

import io.conops.core.app.Health;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code (desired, observed) -> decision}: the one place that says whether an app drifted. */
public final class Compare {
    private Compare() {}

    public static Decision compare(Collection<DesiredService> desired, List<ObservedContainer> observed) {
        Map<String, List<ObservedContainer>> byService = new TreeMap<>();
        for (ObservedContainer c : observed) {
            byService
                    .computeIfAbsent(c.service() == null ? "" : c.service(), k -> new ArrayList<>())
                    .add(c);
        }
        Map<String, DesiredService> wanted = new LinkedHashMap<>();
        desired.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(d -> wanted.put(d.name(), d));

        List<ServiceDecision> out = new ArrayList<>();
        for (DesiredService d : wanted.values()) {
            out.add(judge(d, byService.getOrDefault(d.name(), List.of())));
        }
        byService.forEach((service, containers) -> {
            if (!wanted.containsKey(service)) {
                for (ObservedContainer c : containers) {
                    out.add(new ServiceDecision(
                            service,
                            Reason.ORPHAN,
                            Health.UNKNOWN,
                            "container " + c.name() + " is not part of the desired state"));
                }
            }
        });
        return new Decision(out);
    }

    private static ServiceDecision judge(DesiredService d, List<ObservedContainer> containers) {
        if (containers.isEmpty()) {
            return new ServiceDecision(d.name(), Reason.MISSING, Health.MISSING, "no container");
        }
        for (ObservedContainer c : containers) {
            if (d.configHash() != null && !d.configHash().equals(c.configHash())) {
                return new ServiceDecision(
                        d.name(),
                        Reason.HASH_DIFFERS,
                        Health.DEGRADED,
                        c.configHash() == null
                                ? "container " + c.name() + " has no conops.config-hash label (changed by hand?)"
                                : "container " + c.name() + " runs another definition");
            }
        }
        for (ObservedContainer c : containers) {
            if (!c.running()) {
                if (d.oneShot() && "exited".equals(c.state()) && c.exitCode() == 0) {
                    continue;
                }
                return new ServiceDecision(
                        d.name(),
                        Reason.NOT_RUNNING,
                        Health.DEGRADED,
                        "container " + c.name() + " is " + c.state()
                                + ("exited".equals(c.state()) ? " (exit code " + c.exitCode() + ")" : ""));
            }
            if (c.health() == ContainerHealth.UNHEALTHY) {
                return new ServiceDecision(
                        d.name(), Reason.UNHEALTHY, Health.DEGRADED, "container " + c.name() + " is unhealthy");
            }
        }
        boolean anyRunning = containers.stream().anyMatch(ObservedContainer::running);
        if (!anyRunning) {
            return new ServiceDecision(d.name(), Reason.COMPLETED, Health.HEALTHY, "ran to completion");
        }
        if (containers.stream().anyMatch(c -> c.health() == ContainerHealth.STARTING)) {
            return new ServiceDecision(d.name(), Reason.STARTING, Health.PROGRESSING, "healthcheck starting");
        }
        return new ServiceDecision(d.name(), Reason.IN_SYNC, Health.HEALTHY, "running");
    }
}
