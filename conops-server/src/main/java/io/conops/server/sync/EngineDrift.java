package io.conops.server.sync;

import io.conops.core.port.EngineEventsPort;
import io.conops.server.app.AppStore;
import io.conops.server.system.RepeatingFailure;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
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
 * is named after the app), at once rather than at the next tick. A burst of events for one project
 * (kill, die, stop) makes one compare. After the event stream was lost, every app is compared.
 */
@Component
public class EngineDrift implements EngineEventsPort.Listener {
    private static final Logger log = LoggerFactory.getLogger(EngineDrift.class);
    /** Long enough to fold kill, die and stop of one `docker stop` into one compare. */
    private static final Duration SETTLE = Duration.ofMillis(50);

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

    @Override
    public void reconnected() {
        worker.execute(reconciler::checkAll);
    }

    private void compare(String project) {
        pending.remove(project);
        try {
            store.findByName(project).ifPresent(app -> reconciler.checkSoon(app.getId()));
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed("project " + project + ": " + e.getMessage());
        }
    }
}
