package io.conops.server.sync;

import io.conops.core.api.ServiceView;
import io.conops.core.port.EnginePort;
import io.conops.core.reconcile.Compare;
import io.conops.core.reconcile.Decision;
import io.conops.core.reconcile.DesiredService;
import io.conops.core.reconcile.ObservedContainer;
import io.conops.core.reconcile.Reason;
import io.conops.core.reconcile.ServiceDecision;
import io.conops.server.app.AppEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Each service of an app as the Engine shows it now, judged against the last successful sync. */
@Component
public class LiveServices {
    private final EnginePort engine;
    private final DeployedServices deployed;

    public LiveServices(EnginePort engine, DeployedServices deployed) {
        this.engine = engine;
        this.deployed = deployed;
    }

    public List<ServiceView> of(AppEntity app) {
        Map<String, DeployedService> byName = this.deployed.of(app).stream()
                .collect(Collectors.toMap(DeployedService::name, Function.identity(), (a, b) -> a));
        List<DesiredService> desired = byName.values().stream()
                .map(s -> new DesiredService(s.name(), s.hash(), s.oneShot()))
                .toList();
        if (Stacks.handles(app)) {
            return stack(app, byName);
        }
        List<ObservedContainer> observed = engine.containers(app.getName());
        Decision decision = Compare.compare(desired, observed);
        List<ServiceView> out = new ArrayList<>();
        for (ServiceDecision s : decision.services()) {
            DeployedService d = s.reason() == Reason.ORPHAN ? null : byName.get(s.service());
            List<ObservedContainer> mine = observed.stream()
                    .filter(c -> Objects.equals(c.service() == null ? "" : c.service(), s.service()))
                    .filter(c -> s.reason() != Reason.ORPHAN || s.detail().contains(c.name()))
                    .toList();
            String state = mine.isEmpty()
                    ? "missing"
                    : mine.stream().map(ObservedContainer::state).distinct().collect(Collectors.joining(","));
            String image = mine.isEmpty()
                    ? (d == null ? null : d.image())
                    : mine.get(0).image();
            out.add(new ServiceView(
                    s.service().isEmpty() ? "(none)" : s.service(),
                    state,
                    s.health(),
                    mine.stream().map(ObservedContainer::id).toList(),
                    image,
                    d == null ? null : d.hash(),
                    mine.stream().map(ObservedContainer::configHash).toList(),
                    !s.reason().needsApply(),
                    s.reason(),
                    s.detail()));
        }
        return out;
    }

    /** A stack's services: no containers of their own to list, their replicas in the detail. */
    private List<ServiceView> stack(AppEntity app, Map<String, DeployedService> byName) {
        return deployed.compare(app).services().stream()
                .map(s -> {
                    DeployedService d = byName.get(s.service());
                    return new ServiceView(
                            s.service(),
                            s.reason() == Reason.IN_SYNC
                                    ? "running"
                                    : s.reason().wire(),
                            s.health(),
                            List.of(),
                            d == null ? null : d.image(),
                            d == null ? null : d.hash(),
                            List.of(),
                            !s.reason().needsApply(),
                            s.reason(),
                            s.detail());
                })
                .toList();
    }
}
