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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One poll of an app's branch: an ls-remote, and the policy's decision on what it found. A head
 * that has not moved since a poll the policy found nothing to do for is not decided on again: such
 * a poll is the ls-remote alone, with the app as it was last read (repository, branch and
 * credentials only change through a PATCH, after which it is {@link #reread}); the database is read only
 * when the head moved, the last decision did something, or the app follows image updates.
 */
@Component
class HeadPolls {
    private static final Logger log = LoggerFactory.getLogger(HeadPolls.class);

    /** The app as last read, and the head of its last poll when that one needed nothing (else null). */
    private record Known(AppEntity app, String quietHead) {}

    /** A head an ls-remote of a branch found, and when that ls-remote started. */
    private record Resolved(Instant started, String head) {}

    private final AppStore store;
    private final Observer observer;
    private final ReconcilePolicy policy;
    private final SyncQueue queue;
    private final Clock clock;
    private final ImageUpdates imageUpdates;
    /** conops_git_poll_seconds and conops_git_poll_failures_total: every ls-remote, and those that failed. */
    private final Timer pollTime;

    private final Counter pollFailures;
    /** By branch too: a poll tells the other apps on its branch without looking at every app. */
    private final BranchIndex<Known> known = new BranchIndex<>();

    private final Map<UUID, String> lastFailure = new ConcurrentHashMap<>();
    private final RepeatingFailure failures = new RepeatingFailure(log, "Poll");
    private volatile Consumer<UUID> headMoved = id -> {};
    private volatile java.util.function.Predicate<UUID> polledFor = id -> false;
    /** conops.git.poll.shared: polls of an app that another app's ls-remote of its branch made unneeded. */
    private final Counter shared;
    /** The last head announced to the apps of each branch (repository URL and branch). */
    private final Map<String, String> announced = new ConcurrentHashMap<>();
    /** The latest-started ls-remote of each branch (by branch key) that found a head. */
    private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();

    HeadPolls(
            AppStore store,
            Observer observer,
            ReconcilePolicy policy,
            SyncQueue queue,
            Clock clock,
            ImageUpdates imageUpdates,
            MeterRegistry meters) {
        this.pollTime = Timer.builder("conops.git.poll")
                .description("Time of one poll of a branch (ls-remote)")
                .publishPercentileHistogram()
                .register(meters);
        this.shared = Counter.builder("conops.git.poll.shared")
                .description("Polls an ls-remote made for another app on the same branch made unneeded")
                .register(meters);
        this.pollFailures = Counter.builder("conops.git.poll.failures")
                .description("Polls whose branch could not be resolved")
                .register(meters);
        this.store = store;
        this.observer = observer;
        this.policy = policy;
        this.queue = queue;
        this.clock = clock;
        this.imageUpdates = imageUpdates;
    }

    /** Polls the app once, a poll that was due at {@code due}; false when it is gone. */
    boolean poll(UUID id, Instant due) {
        try {
            long forgetsBefore = known.forgets();
            Known before = known.get(id);
            if (resolvedSince(before, due)) {
                shared.increment();
                failures.succeeded();
                return true;
            }
            AppEntity app = before != null ? before.app() : store.find(id).orElse(null);
            if (app == null) {
                return false;
            }
            Instant started = clock.instant();
            Observation seen = pollTime.record(() -> observer.head(app));
            report(app, seen.git());
            String head = seen.git() instanceof Observation.Git.Head h ? h.sha() : null;
            if (head != null) {
                resolved.merge(
                        branchKey(app),
                        new Resolved(started, head),
                        (old, now) -> now.started().isBefore(old.started()) ? old : now);
                shareHead(app, head);
            }
            if (before != null && head != null && head.equals(before.quietHead()) && !app.isImageUpdates()) {
                failures.succeeded();
                return true; // nothing moved since the policy last found nothing to do
            }
            AppEntity fresh = before == null ? app : store.find(id).orElse(null);
            if (fresh == null) {
                return false;
            }
            Action action = decide(fresh, seen, head);
            if (action instanceof Action.Deploy && head != null) {
                nudgeSiblings(fresh, head);
            }
            known.put(
                    id, new Known(fresh, action instanceof Action.Skip ? head : null), branchKey(fresh), forgetsBefore);
            failures.succeeded();
        } catch (RuntimeException e) {
            // the database is away, most likely: every app's poll fails alike until it is back
            failures.failed("app " + id + ": " + e.getMessage(), e);
        }
        return true;
    }

    /**
     * Another app's ls-remote of the same branch that started once this poll was due found the head
     * this app last found nothing to do for: this poll's own ls-remote would learn nothing newer.
     * Polls that fall due together (several apps on a branch, started at once) so make one
     * ls-remote, not one each. A poll asked for at once is due when it was asked, so an ls-remote
     * already under way then does not stand in for it.
     */
    private boolean resolvedSince(Known before, Instant due) {
        if (before == null || before.quietHead() == null || before.app().isImageUpdates()) {
            return false;
        }
        Resolved r = resolved.get(branchKey(before.app()));
        return r != null && !r.started().isBefore(due) && r.head().equals(before.quietHead());
    }

    /** Whom to tell that an app's branch was just resolved for another app (its own poll can wait). */
    void onPolledFor(java.util.function.Predicate<UUID> listener) {
        this.polledFor = listener;
    }

    /**
     * One ls-remote per branch: the other apps that follow the same branch with the same credentials
     * and last found nothing to do at this head need no ls-remote of their own now (their next poll
     * moves one interval on), and those that last saw another head poll at once. Apps that follow
     * image updates decide at every poll, so they keep their own.
     */
    private void shareHead(AppEntity polled, String head) {
        known.onBranch(branchKey(polled)).forEach((id, k) -> {
            if (id.equals(polled.getId()) || k.quietHead() == null || k.app().isImageUpdates()) {
                return;
            }
            if (head.equals(k.quietHead())) {
                if (polledFor.test(id)) {
                    shared.increment();
                }
            } else {
                headMoved.accept(id);
            }
        });
    }

    /** Apps with equal keys read the same branch the same way (the ciphertexts of one secret are copies). */
    private static String branchKey(AppEntity a) {
        return String.join(
                "\n",
                a.getRepoUrl(),
                a.getBranch(),
                String.valueOf(a.getRepoAuthMethod()),
                String.valueOf(a.getDeployKeyEnc()),
                String.valueOf(a.getRepoTokenEnc()),
                String.valueOf(a.getRepoUsername()));
    }

    /** Whom to tell that another app on the same branch saw it move (the Watcher polls it at once). */
    void onHeadMoved(Consumer<UUID> listener) {
        this.headMoved = listener;
    }

    /**
     * Apps following the same branch poll at their own times; the first to see a new head has the
     * others poll at once (their ls-remote is then the one just made), so none waits out its
     * interval for a commit ConOps already knows about. Each head of a branch is announced once.
     */
    private void nudgeSiblings(AppEntity moved, String head) {
        String branch = moved.getRepoUrl() + "\n" + moved.getBranch();
        if (head.equals(announced.put(branch, head))) {
            return;
        }
        for (UUID sibling : store.following(moved.getRepoUrl(), moved.getBranch())) {
            Known k = known.get(sibling);
            if (!sibling.equals(moved.getId()) && (k == null || !head.equals(k.quietHead()))) {
                headMoved.accept(sibling);
            }
        }
    }

    /** The app changed, or a sync was asked for: it is read again at its next poll, and decided on. */
    void reread(UUID id) {
        known.forget(id);
    }

    /** The app is gone. */
    void forget(UUID id) {
        reread(id);
        lastFailure.remove(id);
    }

    private Action decide(AppEntity app, Observation seen, String head) {
        UUID id = app.getId();
        Action action = store.decide(id, s -> policy.decide(s, Trigger.POLL, seen, clock.instant()))
                .orElse(null);
        if (action instanceof Action.Deploy deploy) {
            log.info("App {}: {} is at {}", app.getName(), app.getBranch(), SyncRunner.abbrev(deploy.commit()));
            queue.request(id, Trigger.POLL);
        } else if (head != null
                && app.isImageUpdates()
                && action != null
                && action.next().sync() == SyncStatus.SYNCED
                && head.equals(action.next().lastSyncedCommit())
                && imageUpdates.check(app).isPresent()) {
            // Git stayed put, but a tag the app runs points at a new digest
            queue.request(id, Trigger.IMAGE_UPDATE);
        }
        return action;
    }

    /** A repository that cannot be reached is logged when that starts or changes, and when it ends. */
    private void report(AppEntity app, Observation.Git git) {
        if (git instanceof Observation.Git.Failed failed) {
            pollFailures.increment();
            if (!failed.message().equals(lastFailure.put(app.getId(), failed.message()))) {
                log.warn("App {}: cannot resolve {}: {}", app.getName(), app.getBranch(), failed.message());
            }
        } else if (lastFailure.remove(app.getId()) != null) {
            log.info("App {}: {} can be resolved again", app.getName(), app.getBranch());
        }
    }
}
