package io.conops.server.sync;

import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import io.conops.core.reconcile.Action;
import io.conops.core.reconcile.Observation;
import io.conops.core.reconcile.ReconcilePolicy;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppStore;
import io.conops.server.app.PollSchedule;
import io.conops.server.registry.ImageUpdates;
import io.conops.server.system.RepeatingFailure;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Polls each app's branch at its own interval with ls-remote (nothing is fetched unless the head
 * moved) and lets the policy say what follows: a sync of a new head, or a condition when the
 * repository cannot be reached. Intervals are read from the database on every tick.
 */
@Component
public class Watcher {
    private static final Logger log = LoggerFactory.getLogger(Watcher.class);

    private final AppStore store;
    private final Observer observer;
    private final ReconcilePolicy policy;
    private final SyncQueue queue;
    private final Clock clock;
    private final ImageUpdates imageUpdates;
    private final Map<UUID, Instant> nextPoll = new ConcurrentHashMap<>();
    private final Set<UUID> polling = ConcurrentHashMap.newKeySet();
    private final Map<UUID, String> lastFailure = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "conops-watch"));
    private final ExecutorService pollers = Executors.newFixedThreadPool(4, r -> daemon(r, "conops-poll"));
    private final RepeatingFailure tickFailures = new RepeatingFailure(log, "Watcher tick");
    private final RepeatingFailure pollFailures = new RepeatingFailure(log, "Poll");

    public Watcher(
            AppStore store,
            Observer observer,
            ReconcilePolicy policy,
            SyncQueue queue,
            Clock clock,
            ImageUpdates imageUpdates) {
        this.store = store;
        this.observer = observer;
        this.policy = policy;
        this.queue = queue;
        this.clock = clock;
        this.imageUpdates = imageUpdates;
    }

    @PostConstruct
    void start() {
        ticker.scheduleWithFixedDelay(this::tick, 1000, 500, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        pollers.shutdownNow();
    }

    void tick() {
        try {
            Instant now = clock.instant();
            Set<UUID> seen = new HashSet<>();
            for (PollSchedule app : store.pollSchedules()) {
                seen.add(app.id());
                Instant due = nextPoll.get(app.id());
                Instant latest = now.plus(app.pollInterval());
                if (due != null && due.isAfter(latest)) {
                    due = latest; // the interval was shortened
                }
                if ((due == null || !now.isBefore(due)) && polling.add(app.id())) {
                    nextPoll.put(app.id(), latest);
                    pollers.execute(() -> poll(app.id()));
                }
            }
            nextPoll.keySet().retainAll(seen);
            lastFailure.keySet().retainAll(seen);
            tickFailures.succeeded();
        } catch (RuntimeException e) {
            tickFailures.failed(e.getMessage());
        }
    }

    /** Polls now, whatever the interval (webhooks and manual syncs). */
    public void pollNow(UUID app) {
        nextPoll.remove(app);
    }

    /** The head was just resolved elsewhere (a new app's first sync does it): next poll after the interval. */
    public void resolvedNow(UUID app, Duration interval) {
        nextPoll.put(app, clock.instant().plus(interval));
    }

    private void poll(UUID id) {
        try {
            AppEntity app = store.find(id).orElse(null);
            if (app == null) {
                return; // deleted meanwhile
            }
            Observation seen = observer.head(app);
            report(app, seen.git());
            Action action = store.decide(id, s -> policy.decide(s, Trigger.POLL, seen, clock.instant()))
                    .orElse(null);
            if (action instanceof Action.Deploy deploy) {
                log.info("App {}: {} is at {}", app.getName(), app.getBranch(), SyncRunner.abbrev(deploy.commit()));
                queue.request(id, Trigger.POLL);
            } else if (seen.git() instanceof Observation.Git.Head head
                    && app.isImageUpdates()
                    && action != null
                    && action.next().sync() == SyncStatus.SYNCED
                    && head.sha().equals(action.next().lastSyncedCommit())
                    && imageUpdates.check(app).isPresent()) {
                // Git stayed put, but a tag the app runs points at a new digest
                queue.request(id, Trigger.IMAGE_UPDATE);
            }
            pollFailures.succeeded();
        } catch (RuntimeException e) {
            // the database is away, most likely: every app's poll fails alike until it is back
            pollFailures.failed("app " + id + ": " + e.getMessage(), e);
        } finally {
            // also when the app could not be read: or it would never be polled again
            polling.remove(id);
        }
    }

    /** A repository that cannot be reached is logged when that starts or changes, and when it ends. */
    private void report(AppEntity app, Observation.Git git) {
        if (git instanceof Observation.Git.Failed failed) {
            if (!failed.message().equals(lastFailure.put(app.getId(), failed.message()))) {
                log.warn("App {}: cannot resolve {}: {}", app.getName(), app.getBranch(), failed.message());
            }
        } else if (lastFailure.remove(app.getId()) != null) {
            log.info("App {}: {} can be resolved again", app.getName(), app.getBranch());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
