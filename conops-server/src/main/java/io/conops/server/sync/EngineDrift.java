package io.conops.server.sync;

import io.conops.core.port.EngineEventsPort;
import io.conops.server.app.AppStore;
import io.conops.server.system.RepeatingFailure;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the Engine's container events into compares of the app they concern (the Compose project
 * is named after the app), at once rather than at the next tick, and likewise a Swarm service's
 * events into a compare of the swarm app whose stack it belongs to. A burst of events for one
 * project (kill, die, stop) makes one compare. After the event stream was lost, every app is compared.
 */
@Component
public class EngineDrift implements EngineEventsPort.Listener {
    private static final Logger log = LoggerFactory.getLogger(EngineDrift.class);
    /** Long enough to fold kill, die and stop of one `docker stop` into one compare. */
    private static final Duration SETTLE = Duration.ofMillis(50);
    /** A {@code stack deploy} updates its services one after the other: one compare for the lot. */
    private static final Duration STACK_SETTLE = Duration.ofMillis(500);
    /** Keeps a service's name apart from a project's in {@link #pending}. */
    private static final String SERVICE = "service:";

    private final AppStore store;
    private final Reconciler reconciler;
    private final EngineEventsPort source;
    private final ProjectEvents projects;
    private volatile EngineEventsPort.Subscription events;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** Every event fails alike while the database is away (other projects' events included). */
    private final RepeatingFailure failures = new RepeatingFailure(log, "Compare after an Engine event");

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "conops-engine-drift");
        t.setDaemon(true);
        return t;
    });

    public EngineDrift(AppStore store, Reconciler reconciler, EngineEventsPort source, ProjectEvents projects) {
        this.store = store;
        this.reconciler = reconciler;
        this.source = source;
        this.projects = projects;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        events = source.follow(this);
    }

    @PreDestroy
    void stop() {
        if (events != null) {
            events.close();
        }
        worker.shutdownNow();
    }

    /** The event stream (tests drop it to show that ConOps reconnects). */
    public EngineEventsPort.Subscription events() {
        return events;
    }

    @Override
    public void containerEvent(String project, String action) {
        projects.signal(project); // a readiness wait on this project looks again at once
        if (pending.add(project)) {
            worker.schedule(() -> compare(project), SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Wakes the compare of the swarm app whose stack the service belongs to; the compare decides
     * whether it drifted, so ConOps' own {@code stack deploy} (its services' updates) is no drift:
     * the app is busy then and compared once the deploy is done, against what it deployed.
     */
    @Override
    public void serviceEvent(String service, String action) {
        if (pending.add(SERVICE + service)) {
            worker.schedule(() -> compareStack(service), STACK_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void reconnected() {
        worker.execute(reconciler::checkAll);
    }

    private void compareStack(String service) {
        pending.remove(SERVICE + service);
        try {
            for (String stack : stacksOf(service)) {
                store.findByName(stack).filter(Stacks::handles).ifPresent(app -> reconciler.checkSoon(app.getId()));
            }
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed("service " + service + ": " + e.getMessage());
        }
    }

    /**
     * The stacks a service's full name may belong to: {@code stack deploy} names it
     * {@code <stack>_<service>}, and both parts may hold "_" themselves.
     */
    static List<String> stacksOf(String service) {
        List<String> out = new ArrayList<>();
        for (int i = service.indexOf('_'); i > 0; i = service.indexOf('_', i + 1)) {
            if (i < service.length() - 1) {
                out.add(service.substring(0, i));
            }
        }
        return out;
    }

    private void compare(String project) {
        pending.remove(project);
        try {
            reconciler.idOf(project).ifPresent(reconciler::checkSoon);
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed("project " + project + ": " + e.getMessage());
        }
    }
}
