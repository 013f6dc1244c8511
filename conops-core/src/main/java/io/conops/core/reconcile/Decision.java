package io.conops.core.reconcile;

import io.conops.core.app.Health;
import java.util.List;

/** The outcome of comparing desired with observed state for one app. */
public record Decision(List<ServiceDecision> services) {

    public Decision {
        services = List.copyOf(services);
    }

    /** True when Compose has to run to bring the project back to its desired state. */
    public boolean needsApply() {
        return services.stream().anyMatch(s -> s.reason().needsApply());
    }

    /** The app's health rolled up from its services: the worst one wins. */
    public Health health() {
        if (services.isEmpty()) {
            return Health.UNKNOWN;
        }
        Health worst = Health.HEALTHY;
        for (ServiceDecision s : services) {
            if (s.reason() == Reason.ORPHAN) {
                continue;
            }
            if (rank(s.health()) > rank(worst)) {
                worst = s.health();
            }
        }
        return worst;
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (ServiceDecision s : services) {
            if (s.reason().needsApply()) {
                if (sb.length() > 0) sb.append("; ");
                sb.append(s.service()).append(": ").append(s.detail());
            }
        }
        return sb.length() == 0 ? "in sync" : sb.toString();
    }

    private static int rank(Health h) {
        return switch (h) {
            case HEALTHY -> 0;
            case UNKNOWN -> 1;
            case PROGRESSING -> 2;
            case DEGRADED -> 3;
            case MISSING -> 4;
        };
    }
}
