package io.conops.server.notify;

import io.conops.server.app.AppEntity;
import io.conops.server.app.AppEvents;
import io.conops.server.app.AppStore;
import io.conops.server.system.RepeatingFailure;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Watches apps' states and sends a notice when one changes. The loop only hands the app's id over
 * (after the status was committed); reading the app and comparing happen on this class's one
 * thread, in order, and sending on {@link Deliveries}' threads. What was last seen is kept in
 * memory: at start-up each app's present state is taken as already told, so a restart repeats
 * nothing; an app registered later starts out fine, so its first failure is told.
 */
@Component
class AppWatch {
    private static final Logger log = LoggerFactory.getLogger(AppWatch.class);

    private final AppStore store;
    private final Notifier notifier;
    private final Clock clock;
    private final Map<UUID, AppState> seen = new ConcurrentHashMap<>();
    /** Apps whose check is queued: a burst of changes to one app is looked at once. */
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();

    private final RepeatingFailure failures = new RepeatingFailure(log, "Notification check");
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "conops-notify-watch");
        t.setDaemon(true);
        return t;
    });

    AppWatch(AppStore store, Notifier notifier, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
    }

    @EventListener(ContextRefreshedEvent.class)
    void start() {
        submit(() -> store.all().forEach(a -> seen.putIfAbsent(a.getId(), stateOrFine(a))));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void statusChanged(AppEvents.StatusChanged e) {
        if (queued.add(e.app())) {
            submit(() -> {
                queued.remove(e.app());
                store.find(e.app()).ifPresent(this::check);
            });
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void deleted(AppEvents.Deleted e) {
        submit(() -> seen.remove(e.app()));
    }

    private void check(AppEntity app) {
        AppState now = AppState.of(app);
        if (now == null) {
            return;
        }
        AppState before = seen.put(app.getId(), now);
        Notice.Event news = now.newsAfter(before == null ? AppState.FINE : before);
        if (news != null) {
            notifier.tell(app, news(app, news, now));
        }
    }

    private Notice news(AppEntity app, Notice.Event event, AppState now) {
        String commit = event == Notice.Event.SYNC_FAILED ? now.failedCommit() : app.getLastSyncedCommit();
        String message = switch (event) {
            case SYNC_FAILED -> app.getLastError();
            case DEGRADED -> "a service of the app is not healthy";
            default -> "the app is synced and healthy again";
        };
        return new Notice(
                event, app.getName(), app.getStatus().wire(), app.getHealth().wire(), commit, message, clock.instant());
    }

    private static AppState stateOrFine(AppEntity a) {
        AppState s = AppState.of(a);
        return s == null ? AppState.FINE : s;
    }

    private void submit(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                    failures.succeeded();
                } catch (RuntimeException e) {
                    failures.failed(e.getMessage(), e); // the database away: the next change tries again
                }
            });
        } catch (RejectedExecutionException stopping) {
            // ConOps is stopping
        }
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
