package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import io.conops.core.port.GitPort;
import io.conops.server.app.AppEntity;
import io.conops.server.app.AppStore;
import io.conops.server.app.PollSchedule;
import io.conops.server.registry.ImageUpdates;
import io.conops.server.system.RepeatingFailure;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
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
 * moved). Intervals and branches are read from the database on every tick, so edits apply at once.
 */
@Component
public class Watcher {
    private static final Logger log = LoggerFactory.getLogger(Watcher.class);

    private final AppStore store;
    private final GitPort git;
    private final GitSources sources;
    private final SyncQueue queue;
    private final Clock clock;
    private final ImageUpdates imageUpdates;
    private final Map<UUID, Instant> nextPoll = new ConcurrentHashMap<>();
    private final Set<UUID> polling = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "conops-watch"));
    private final ExecutorService pollers = Executors.newFixedThreadPool(4, r -> daemon(r, "conops-poll"));
    private final RepeatingFailure tickFailures = new RepeatingFailure(log, "Watcher tick");
    private final RepeatingFailure pollFailures = new RepeatingFailure(log, "Poll");

    public Watcher(
            AppStore store, GitPort git, GitSources sources, SyncQueue queue, Clock clock, ImageUpdates imageUpdates) {
        this.imageUpdates = imageUpdates;
        this.store = store;
        this.git = git;
        this.sources = sources;
        this.queue = queue;
        this.clock = clock;
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
    public void resolvedNow(UUID app, java.time.Duration interval) {
        nextPoll.put(app, clock.instant().plus(interval));
    }

    private void poll(UUID id) {
        AppEntity app = null;
        try {
            app = store.find(id).orElse(null);
            if (app == null) {
                return; // deleted meanwhile
            }
            String head = git.resolveHead(sources.of(app));
            if (!head.equals(app.getLastSeenCommit())) {
                log.info("App {}: {} moved to {}", app.getName(), app.getBranch(), SyncWorker.abbrev(head));
                store.markSeen(app.getId(), head);
                queue.request(app.getId(), Trigger.POLL);
            } else if (app.isImageUpdates()
                    && app.getStatus() == SyncStatus.SYNCED
                    && head.equals(app.getLastSyncedCommit())
                    && imageUpdates.check(app).isPresent()) {
                // Git stayed put, but a tag the app runs points at a new digest
                queue.request(app.getId(), Trigger.IMAGE_UPDATE);
            }
            pollFailures.succeeded();
        } catch (ConopsException e) {
            log.warn("App {}: cannot resolve {}: {}", app.getName(), app.getBranch(), e.getMessage());
        } catch (RuntimeException e) {
            // the database is away, most likely: every app's poll fails alike until it is back
            pollFailures.failed("app " + (app == null ? id : app.getName()) + ": " + e.getMessage(), e);
        } finally {
            // also when the app could not be read: or it would never be polled again
            polling.remove(id);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
