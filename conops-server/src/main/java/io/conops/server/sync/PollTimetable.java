package io.conops.server.sync;

import io.conops.server.app.PollSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * When each app's branch is polled next, kept in memory: built from the database at start-up and
 * changed as apps are registered, changed and deleted, so that the watcher sleeps until the
 * earliest due poll instead of asking the database what is due. Only bookkeeping: the caller
 * passes the time in and owns the timer and the threads. A poll in flight is never started twice;
 * a poll asked for meanwhile follows it.
 */
final class PollTimetable {
    /** A poll to start: the app and when it was due (how late it starts is measured). */
    record Due(UUID app, Instant at) {}

    private record Slot(Instant due, UUID app) {}

    private static final Comparator<Slot> EARLIEST =
            Comparator.comparing(Slot::due).thenComparing(Slot::app);

    private static final class Entry {
        Duration interval;
        Instant due;
        boolean running;
        /** The due time was set again while its poll ran: that time stands, not one interval later. */
        boolean replanned;
        /** Asked for at once (a webhook, a manual sync, a change): another app's poll does not stand in. */
        boolean urgent;

        Entry(Duration interval, Instant due) {
            this.interval = interval;
            this.due = due;
        }
    }

    private final Map<UUID, Entry> entries = new HashMap<>();
    /** The apps whose poll is not running, earliest first. */
    private final NavigableSet<Slot> waiting = new TreeSet<>(EARLIEST);

    /** Adds the apps not known yet, due at {@code now}; those already known keep their time. */
    synchronized void load(List<PollSchedule> apps, Instant now) {
        for (PollSchedule app : apps) {
            if (!entries.containsKey(app.id())) {
                plan(app.id(), app.pollInterval(), now);
            }
        }
    }

    /** The app is polled every {@code interval}, next at {@code due} (or right after its poll in flight). */
    synchronized void plan(UUID app, Duration interval, Instant due) {
        Entry e = entries.get(app);
        if (e == null) {
            e = new Entry(interval, due);
            entries.put(app, e);
            waiting.add(new Slot(due, app));
            return;
        }
        e.interval = interval;
        moveTo(app, e, due);
    }

    /** Polls the app as soon as possible; false when it is not known here. */
    synchronized boolean dueNow(UUID app, Instant now) {
        Entry e = entries.get(app);
        if (e == null) {
            return false;
        }
        e.urgent = true;
        moveTo(app, e, now);
        return true;
    }

    /**
     * The app's branch was just resolved for another app, to the head this app last found nothing to
     * do for: its own poll would learn nothing, so it moves to one interval from now, and a little
     * more ({@link #standInMargin}), so that the other app's next poll starts before this one is due
     * and stands in for it again rather than racing it. A poll asked for at once, or running, is
     * left alone.
     */
    synchronized boolean polledFor(UUID app, Instant now) {
        Entry e = entries.get(app);
        if (e == null || e.running || e.urgent) {
            return false;
        }
        Instant next = now.plus(e.interval).plus(standInMargin(e.interval));
        if (next.isAfter(e.due)) {
            moveTo(app, e, next);
        }
        return true;
    }

    /** A second, or half the interval when that is shorter. */
    static Duration standInMargin(Duration interval) {
        Duration half = interval.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(1)) < 0 ? half : Duration.ofSeconds(1);
    }

    synchronized void forget(UUID app) {
        Entry e = entries.remove(app);
        if (e != null && !e.running) {
            waiting.remove(new Slot(e.due, app));
        }
    }

    /** The polls due at {@code now}, marked running until {@link #finished}. */
    synchronized List<Due> takeDue(Instant now) {
        List<Due> due = new ArrayList<>();
        while (!waiting.isEmpty() && !waiting.first().due().isAfter(now)) {
            Slot s = waiting.pollFirst();
            Entry e = entries.get(s.app());
            e.running = true;
            e.replanned = false;
            e.urgent = false;
            due.add(new Due(s.app(), s.due()));
        }
        return due;
    }

    /**
     * The app's poll is done: the next is one interval after this one was due, or now if that has
     * passed already (a late poll is not followed by a burst of catching up).
     */
    synchronized void finished(UUID app, Instant now) {
        Entry e = entries.get(app);
        if (e == null || !e.running) {
            return; // forgotten meanwhile
        }
        e.running = false;
        if (!e.replanned) {
            Instant next = e.due.plus(e.interval);
            e.due = next.isBefore(now) ? now : next;
        }
        waiting.add(new Slot(e.due, app));
    }

    /** When the earliest poll that is not running is due; empty when there is none. */
    synchronized Optional<Instant> next() {
        return waiting.isEmpty()
                ? Optional.empty()
                : Optional.of(waiting.first().due());
    }

    /** When the app's next poll is due (its running poll's, while it runs); empty when unknown. */
    synchronized Optional<Instant> dueAt(UUID app) {
        Entry e = entries.get(app);
        return e == null ? Optional.empty() : Optional.of(e.due);
    }

    synchronized int size() {
        return entries.size();
    }

    private void moveTo(UUID app, Entry e, Instant due) {
        if (e.running) {
            e.replanned = true;
        } else {
            waiting.remove(new Slot(e.due, app));
            waiting.add(new Slot(due, app));
        }
        e.due = due;
    }
}
