package io.conops.server.sync;

import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import io.conops.core.reconcile.Action;
import io.conops.core.reconcile.Observation;
import io.conops.core.reconcile.ReconcilePolicy;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppStore;
import io.conops.server.registry.ImageUpdates;
import io.conops.server.system.RepeatingFailure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Polls each app's branch at its own interval with ls-remote (nothing is fetched unless the head
 * moved) and lets the policy say what follows: a sync of a new head, or a condition when the
 * repository cannot be reached. When each poll is due is kept in memory ({@link PollTimetable}),
 * loaded from the database at start-up and kept current by the apps' lifecycle: between polls
 * nothing runs, and the database is not asked.
 */
@Component
public class Watcher {
    private static final Logger log = LoggerFactory.getLogger(Watcher.class);
    private static final Duration RELOAD_AFTER_FAILURE = Duration.ofSeconds(5);

    private final AppStore store;
    private final Observer observer;
    private final ReconcilePolicy policy;
    private final SyncQueue queue;
    private final Clock clock;
    private final ImageUpdates imageUpdates;
    private final PollTimetable timetable = new PollTimetable();
    private final Map<UUID, String> lastFailure = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer =
            new ScheduledThreadPoolExecutor(1, r -> daemon(r, "conops-watch"));
    private final ExecutorService pollers = Executors.newFixedThreadPool(4, r -> daemon(r, "conops-poll"));
    private final RepeatingFailure loadFailures = new RepeatingFailure(log, "Loading the poll schedule");
    private final RepeatingFailure pollFailures = new RepeatingFailure(log, "Poll");
    private final Timer lag;
    private ScheduledFuture<?> alarm;
    private Instant alarmAt;

    public Watcher(
            AppStore store,
            Observer observer,
            ReconcilePolicy policy,
            SyncQueue queue,
            Clock clock,
            ImageUpdates imageUpdates,
            MeterRegistry meters) {
        this.store = store;
        this.observer = observer;
        this.policy = policy;
        this.queue = queue;
        this.clock = clock;
        this.imageUpdates = imageUpdates;
        // a cancelled alarm leaves the timer's queue at once, not when it would have rung
        timer.setRemoveOnCancelPolicy(true);
        this.lag = Timer.builder("conops.poll.lag")
                .description("How late each poll of a branch started, against when it was due")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @PostConstruct
    void start() {
        timer.schedule(this::load, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        pollers.shutdownNow();
    }

    /** Every app is polled once at start-up (the branch may have moved while ConOps was down). */
    private void load() {
        try {
            timetable.load(store.pollSchedules(), clock.instant());
            loadFailures.succeeded();
            wake();
        } catch (RuntimeException e) {
            loadFailures.failed(e.getMessage());
            timer.schedule(this::load, RELOAD_AFTER_FAILURE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Polls now, whatever the interval (webhooks, manual syncs, a changed app). */
    public void pollNow(UUID app) {
        if (!timetable.dueNow(app, clock.instant())) {
            // not planned yet (start-up has not loaded the schedule): plan it from what is stored
            store.pollSchedule(app).ifPresent(s -> timetable.plan(app, s.pollInterval(), clock.instant()));
        }
        wake();
    }

    /** The head was just resolved elsewhere (a new app's first sync does it): next poll after the interval. */
    public void resolvedNow(UUID app, Duration interval) {
        timetable.plan(app, interval, clock.instant().plus(interval));
        wake();
    }

    /** The app's spec changed: its interval is read again, and it is polled at once. */
    void changed(UUID app) {
        store.pollSchedule(app)
                .ifPresentOrElse(s -> timetable.plan(app, s.pollInterval(), clock.instant()), () -> forget(app));
        wake();
    }

    /** The app is gone: it is not polled any more. */
    void forget(UUID app) {
        timetable.forget(app);
        lastFailure.remove(app);
    }

    /** Polls started since start-up (for tests and benchmarks). */
    public long polls() {
        return lag.count();
    }

    /** Sets the alarm for the earliest due poll, unless one rings before it already. */
    private synchronized void wake() {
        Instant next = timetable.next().orElse(null);
        if (next == null || (alarm != null && !next.isBefore(alarmAt)) || timer.isShutdown()) {
            return;
        }
        if (alarm != null) {
            alarm.cancel(false);
        }
        // rounded up: an alarm that rang a little early would find nothing due and ring again
        long delay = Math.max(0, Duration.between(clock.instant(), next).toNanos());
        alarmAt = next;
        alarm = timer.schedule(this::ring, (delay + 999_999) / 1_000_000, TimeUnit.MILLISECONDS);
    }

    private void ring() {
        synchronized (this) {
            alarm = null;
        }
        for (PollTimetable.Due due : timetable.takeDue(clock.instant())) {
            pollers.execute(() -> poll(due));
        }
        wake();
    }

    private void poll(PollTimetable.Due due) {
        lag.record(Duration.between(due.at(), clock.instant()));
        try {
            poll(due.app());
        } finally {
            // also when the app could not be read: or it would never be polled again
            timetable.finished(due.app(), clock.instant());
            wake();
        }
    }

    private void poll(UUID id) {
        try {
            AppEntity app = store.find(id).orElse(null);
            if (app == null) {
                forget(id); // deleted meanwhile
                return;
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
