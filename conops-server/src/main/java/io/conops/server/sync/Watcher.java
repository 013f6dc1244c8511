package io.conops.server.sync;

import io.conops.server.app.AppStore;
import io.conops.server.system.RepeatingFailure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Polls each app's branch at its own interval ({@link HeadPolls}: an ls-remote, and the policy's
 * decision when the head moved). When each poll is due is kept in memory ({@link PollTimetable}),
 * loaded from the database at start-up and kept current by the apps' lifecycle: between polls
 * nothing runs, and the database is not asked.
 */
@Component
public class Watcher {
    private static final Logger log = LoggerFactory.getLogger(Watcher.class);
    private static final Duration RELOAD_AFTER_FAILURE = Duration.ofSeconds(5);

    private final AppStore store;
    private final HeadPolls polls;
    private final Clock clock;
    private final PollTimetable timetable = new PollTimetable();
    private final ScheduledThreadPoolExecutor timer =
            new ScheduledThreadPoolExecutor(1, r -> daemon(r, "conops-watch"));
    private final ExecutorService pollers = Executors.newFixedThreadPool(4, r -> daemon(r, "conops-poll"));
    private final RepeatingFailure loadFailures = new RepeatingFailure(log, "Loading the poll schedule");
    private final Timer lag;
    private ScheduledFuture<?> alarm;
    private Instant alarmAt;

    Watcher(AppStore store, HeadPolls polls, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.polls = polls;
        this.clock = clock;
        polls.onHeadMoved(this::pollNow);
        polls.onPolledFor(app -> timetable.polledFor(app, clock.instant()));
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

    /** Polls now, whatever the interval, and decides on what it finds (webhooks, manual syncs). */
    public void pollNow(UUID app) {
        polls.reread(app);
        if (!timetable.dueNow(app, clock.instant())) {
            // not planned yet (start-up has not loaded the schedule): plan it from what is stored
            store.pollSchedule(app).ifPresent(s -> {
                timetable.plan(app, s.pollInterval(), clock.instant());
                timetable.dueNow(app, clock.instant());
            });
        }
        wake();
    }

    /** The head was just resolved elsewhere (a new app's first sync does it): next poll after the interval. */
    public void resolvedNow(UUID app, Duration interval) {
        polls.reread(app);
        timetable.plan(app, interval, clock.instant().plus(interval));
        wake();
    }

    /** The app's spec changed: it is read again, and polled at once and at its interval from then on. */
    void changed(UUID app) {
        polls.reread(app);
        try {
            store.pollSchedule(app)
                    .ifPresentOrElse(
                            s -> {
                                timetable.plan(app, s.pollInterval(), clock.instant());
                                timetable.dueNow(app, clock.instant()); // its own poll, not a sibling's
                            },
                            () -> forget(app));
        } catch (RuntimeException e) {
            // the database went away right after the change was stored: the change itself stands,
            // and the app is polled at once at the interval known until it is read again
            loadFailures.failed(e.getMessage());
            timetable.dueNow(app, clock.instant());
        }
        wake();
    }

    /** The app is gone: it is not polled any more. */
    void forget(UUID app) {
        timetable.forget(app);
        polls.forget(app);
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
            if (!polls.poll(due.app(), due.at())) {
                forget(due.app()); // deleted meanwhile
            }
        } finally {
            // also when the app could not be read: or it would never be polled again
            timetable.finished(due.app(), clock.instant());
            wake();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
