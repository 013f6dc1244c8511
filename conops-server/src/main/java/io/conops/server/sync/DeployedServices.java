package io.conops.server.sync;

import io.conops.core.port.EnginePort;
import io.conops.core.reconcile.Compare;
import io.conops.core.reconcile.Decision;
import io.conops.core.reconcile.DesiredService;
import io.conops.core.reconcile.ObservedContainer;
import io.conops.server.app.AppEntity;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an app's last successful deployment deployed, as stored with the app, and the one comparison
 * of it with the Engine that heal, sync, the services view and the diff all share.
 */
@Component
public class DeployedServices {
    private final JsonMapper json;
    private final EnginePort engine;
    private final Stacks stacks;

    public DeployedServices(JsonMapper json, EnginePort engine, Stacks stacks) {
        this.json = json;
        this.engine = engine;
        this.stacks = stacks;
    }

    public List<DeployedService> of(AppEntity app) {
        String text = app.getDeployedServices();
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return json.readValue(text, new TypeReference<List<DeployedService>>() {});
    }

    String write(List<DeployedService> services) {
        return json.writeValueAsString(services);
    }

    static List<DesiredService> desired(List<DeployedService> services) {
        return services.stream()
                .map(s -> new DesiredService(s.name(), s.hash(), s.oneShot()))
                .toList();
    }

    /** The app's containers against its last successful deployment, through the Engine API only. */
    public Decision compare(AppEntity app) {
        if (Stacks.handles(app)) {
            return stacks.compare(app, desired(of(app)));
        }
        return compare(app, engine.containers(app.getName()));
    }

    /** The same, against containers already listed (one listing of all projects per tick). */
    Decision compare(AppEntity app, List<ObservedContainer> observed) {
        if (Stacks.handles(app)) {
            return stacks.compare(app, desired(of(app))); // a stack has no Compose containers
        }
        return Compare.compare(desired(of(app)), observed);
    }
}
