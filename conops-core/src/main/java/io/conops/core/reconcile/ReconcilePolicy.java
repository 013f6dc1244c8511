package io.conops.core.reconcile;

import io.conops.core.app.AppStatus;
import io.conops.core.app.ConditionType;
import io.conops.core.app.HealStreak;
import io.conops.core.app.Health;
import io.conops.core.app.SyncStatus;
import io.conops.core.app.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every rule of the loop in one place, as pure functions of status, observation, trigger and
 * time: whether a sync is due, which commit it applies, when a failure may be retried, which
 * services a heal touches, when healing gives up, and which conditions hold. The server observes
 * and executes; it never decides.
 */
public final class ReconcilePolicy {
    private final PolicySettings settings;

    public ReconcilePolicy(PolicySettings settings) {
        this.settings = settings;
    }

    public PolicySettings settings() {
        return settings;
    }

    /** What to do for {@code trigger}, given what was just observed. */
    public Action decide(AppStatus status, Trigger trigger, Observation observation, Instant now) {
        AppStatus s =
                pinCondition(observeEngine(observeGit(status, observation.git(), now), observation.engine(), now), now);
        return switch (trigger) {
            // a rollback deploys the pinned commit; one unpinned meanwhile syncs as a user's sync
            case MANUAL, ROLLBACK -> userSync(s, observation.git(), now);
            case WEBHOOK ->
                s.pinned()
                        ? new Action.Skip(s, "pinned at " + abbrev(s.pinnedCommit()) + "; the new head is recorded")
                        : userSync(s, observation.git(), now);
            case DRIFT -> {
                // a heal folded together with a poll must not lose the poll's new head: deploying it
                // repairs the drift as well
                Action follow = follow(s, trigger, observation.git(), now);
                yield follow instanceof Action.Deploy ? follow : heal(s, observation.engine(), now);
            }
            case IMAGE_UPDATE ->
                s.sync() == SyncStatus.SYNCED && s.deployedOnce() && !s.pinned()
                        ? new Action.Deploy(s, s.lastSyncedCommit(), true)
                        : new Action.Skip(s, "image updates apply to synced apps only");
            case POLL, STARTUP, REGISTER, RETRY -> follow(s, trigger, observation.git(), now);
        };
    }

    // ---- observations -----------------------------------------------------------------------

    /** A head clears the repository's conditions; a failure sets one and never touches what runs. */
    static AppStatus observeGit(AppStatus s, Observation.Git git, Instant now) {
        if (git instanceof Observation.Git.Head head) {
            AppStatus next = s.without(ConditionType.GIT);
            if (!head.sha().equals(s.lastSeenCommit())) {
                next = next.withLastSeen(head.sha());
                // a pinned app records the head, but it is not what the app waits for
                if (next.sync() != SyncStatus.SYNCING && !s.pinned()) {
                    next = next.withSync(SyncStatus.PENDING);
                }
            }
            return next;
        }
        if (git instanceof Observation.Git.Failed failed) {
            AppStatus next =
                    s.withCondition(failed.type(), failed.message(), now).withLastError(failed.message());
            boolean stop = !s.deployedOnce() || failed.type() == ConditionType.REPO_NOT_ALLOWED;
            return stop && s.sync() != SyncStatus.SYNCING ? next.withSync(SyncStatus.ERROR) : next;
        }
        return s;
    }

    /** The Engine's answer sets health; no answer makes health unknown, never stale. */
    static AppStatus observeEngine(AppStatus s, Observation.Engine engine, Instant now) {
        if (engine instanceof Observation.Engine.Seen seen) {
            AppStatus next = s.without(ConditionType.ENGINE_UNREACHABLE);
            if (!s.deployedOnce()) {
                return next;
            }
            boolean crashLooping = s.heal() != null && s.heal().stopped();
            return next.withHealth(
                    crashLooping ? Health.DEGRADED : seen.decision().health());
        }
        if (engine instanceof Observation.Engine.Unreachable unreachable) {
            return s.withCondition(ConditionType.ENGINE_UNREACHABLE, unreachable.message(), now)
                    .withHealth(Health.UNKNOWN);
        }
        return s;
    }

    // ---- syncs ------------------------------------------------------------------------------

    /**
     * A user's sync (or a webhook) is always tried, on the head the remote has now; on a pinned app
     * it applies the pinned commit again, which is already local.
     */
    private Action userSync(AppStatus s, Observation.Git git, Instant now) {
        if (s.pinned()) {
            return new Action.Deploy(queued(s), s.pinnedCommit(), false);
        }
        if (git instanceof Observation.Git.Failed failed) {
            String message = "cannot sync: " + failed.message();
            return new Action.Fail(deployFailed(s, null, failed.type(), message, now), failed.type(), message);
        }
        if (s.lastSeenCommit() == null) {
            return new Action.Skip(s, "the branch head is not known");
        }
        return new Action.Deploy(queued(s), s.lastSeenCommit(), false);
    }

    /** Polls, start-up, a new app's first sync and retries: deploy what is new, never a failed commit in a loop. */
    private Action follow(AppStatus s, Trigger trigger, Observation.Git git, Instant now) {
        if (git instanceof Observation.Git.Failed failed) {
            if (s.lastSeenCommit() == null && trigger != Trigger.POLL) {
                // a first sync (or its retry) that cannot even start is a failed deployment
                return new Action.Fail(
                        deployFailed(s, null, failed.type(), failed.message(), now), failed.type(), failed.message());
            }
            return new Action.Skip(s, "the branch head cannot be resolved");
        }
        String desired = s.target();
        if (desired == null) {
            return new Action.Skip(s, "no commit seen yet");
        }
        if (s.sync() == SyncStatus.ERROR && desired.equals(s.failedCommit())) {
            if (!settings.retryErrors()) {
                return new Action.Skip(
                        s, "commit " + abbrev(desired) + " failed; waiting for a new commit or a manual sync");
            }
            if (s.nextRetryAt() != null && now.isBefore(s.nextRetryAt())) {
                return new Action.WaitUntil(s, s.nextRetryAt(), "retry backoff");
            }
            // the retry is the reconciler's to queue, so the history says what it was
            return trigger == Trigger.RETRY
                    ? new Action.Deploy(s, desired, false)
                    : new Action.Skip(s, "a retry is due; it runs as such");
        }
        if (s.sync() == SyncStatus.SYNCED && desired.equals(s.lastSyncedCommit())) {
            return new Action.Skip(s, "up to date");
        }
        return new Action.Deploy(s.sync() == SyncStatus.ERROR ? s : queued(s), desired, false);
    }

    /** A sync is wanted: the app waits for it, unless one is running (which then says how it ended). */
    private static AppStatus queued(AppStatus s) {
        return s.sync() == SyncStatus.SYNCING ? s : s.withSync(SyncStatus.PENDING);
    }

    // ---- pinning ----------------------------------------------------------------------------

    /** A rollback pins the app to {@code commit}: it is deployed, and new heads only recorded. */
    public AppStatus pin(AppStatus s, String commit, Instant now) {
        AppStatus pinned = s.with(b -> b.pinnedCommit = commit);
        return pinCondition(queued(pinned), now);
    }

    /** The app follows its branch again: a head newer than what runs is pending. */
    public AppStatus unpin(AppStatus s, Instant now) {
        AppStatus next = pinCondition(s.with(b -> b.pinnedCommit = null), now);
        boolean behind = next.lastSeenCommit() != null && !next.lastSeenCommit().equals(next.lastSyncedCommit());
        return behind && next.sync() == SyncStatus.SYNCED ? next.withSync(SyncStatus.PENDING) : next;
    }

    /** {@code Pinned} holds exactly while the app is pinned, and names the commit and the head. */
    static AppStatus pinCondition(AppStatus s, Instant now) {
        if (!s.pinned()) {
            return s.without(ConditionType.PINNED);
        }
        String head = s.lastSeenCommit() == null || s.lastSeenCommit().equals(s.pinnedCommit())
                ? ""
                : "; the branch is at " + abbrev(s.lastSeenCommit());
        return s.withCondition(
                ConditionType.PINNED,
                "pinned at " + abbrev(s.pinnedCommit()) + " by a rollback" + head
                        + "; new commits are recorded, not deployed, until unpinned",
                now);
    }

    // ---- healing ----------------------------------------------------------------------------

    /**
     * Puts the last successful deployment back (also while a newer commit is in error), within a
     * capped backoff; stops after {@code crashLoopAfter} heals in a row and says so.
     */
    private Action heal(AppStatus s, Observation.Engine engine, Instant now) {
        if (!(engine instanceof Observation.Engine.Seen seen)) {
            return new Action.Skip(s, "the Engine was not observed");
        }
        if (!s.deployedOnce() || s.sync() == SyncStatus.SYNCING) {
            return new Action.Skip(s, "nothing deployed to heal");
        }
        HealStreak streak = calmed(s.heal(), now);
        Decision d = seen.decision();
        if (!d.needsApply()) {
            AppStatus next = s.withHeal(streak);
            if (streak != null
                    && streak.stopped()
                    && !now.isBefore(streak.lastEnd().plus(settings.healCalmAfter()))) {
                // the services have run for a calm period since the last heal (fixed by hand): the
                // crash loop is over; right after a heal they run too, and that proves nothing
                next = next.withHeal(null).withHealth(d.health());
            }
            if (next.heal() == null && next.sync() == SyncStatus.SYNCED) {
                next = next.without(List.of(ConditionType.CRASH_LOOP, ConditionType.APPLY_FAILED));
            }
            return new Action.Skip(next, "in sync");
        }
        if (streak != null && streak.stopped()) {
            return new Action.Skip(s.withHeal(streak).withHealth(Health.DEGRADED), "healing stopped: crash loop");
        }
        if (streak != null) {
            Instant notBefore = streak.lastEnd().plus(settings.healBackoff().delayAfter(streak.heals()));
            if (now.isBefore(notBefore)) {
                return new Action.WaitUntil(s.withHeal(streak), notBefore, "heal backoff");
            }
        }
        Set<String> services = new LinkedHashSet<>();
        Set<String> start = new LinkedHashSet<>();
        Set<String> restart = new LinkedHashSet<>();
        boolean orphans = false;
        for (ServiceDecision sd : d.services()) {
            switch (sd.reason()) {
                case MISSING, HASH_DIFFERS -> services.add(sd.service());
                // the container still has the right definition: starting it is enough
                case NOT_RUNNING -> start.add(sd.service());
                case UNHEALTHY -> restart.add(sd.service());
                case ORPHAN -> orphans = true;
                default -> {}
            }
        }
        start.removeAll(services);
        restart.removeAll(services);
        restart.removeAll(start);
        return new Action.Heal(
                s.withHeal(streak),
                s.lastSyncedCommit(),
                List.copyOf(services),
                List.copyOf(start),
                orphans,
                List.copyOf(restart));
    }

    /** The status after a heal ended: the streak grows, and at its limit healing stops with a condition. */
    public AppStatus healed(AppStatus s, boolean succeeded, String problem, Instant now) {
        HealStreak streak = HealStreak.next(calmed(s.heal(), now), now, succeeded, problem);
        if (streak.heals() >= settings.crashLoopAfter()) {
            String message = "healed " + streak.heals() + " times in a row (" + streak.failures()
                    + " failed); last problem: " + problem + "; healing stopped: push a fix or sync manually";
            return s.withHeal(streak.stop())
                    .withCondition(ConditionType.CRASH_LOOP, message, now)
                    .withHealth(Health.DEGRADED)
                    .withLastError("crash loop: " + message);
        }
        if (!succeeded) {
            return s.withHeal(streak)
                    .withCondition(ConditionType.APPLY_FAILED, "self-heal failed: " + problem, now)
                    .withHealth(Health.DEGRADED)
                    .withLastError("self-heal failed: " + problem);
        }
        AppStatus next = s.withHeal(streak);
        return next.sync() == SyncStatus.SYNCED ? next.without(ConditionType.APPLY_FAILED) : next;
    }

    private HealStreak calmed(HealStreak streak, Instant now) {
        if (streak == null || streak.stopped()) {
            return streak;
        }
        return now.isBefore(streak.lastEnd().plus(settings.healCalmAfter())) ? streak : null;
    }

    // ---- outcomes of a deployment -------------------------------------------------------------

    /** A deployment succeeded: it is what healing restores from now on, and every apply condition clears. */
    public AppStatus deployed(AppStatus s, String commit, Health health, Instant now) {
        return s.with(b -> {
                    b.sync = commit.equals(s.target()) ? SyncStatus.SYNCED : SyncStatus.PENDING;
                    b.health = health;
                    b.lastSyncedCommit = commit;
                    b.lastSyncAt = now;
                    b.lastError = null;
                    b.failedCommit = null;
                    b.failureCount = 0;
                    b.nextRetryAt = null;
                    b.heal = null;
                })
                .without(ConditionType.APPLY)
                .without(ConditionType.GIT);
    }

    /**
     * A deployment failed (or could not start: {@code commit} null). What ran before keeps running;
     * the failures of one commit in a row grow the retry backoff.
     */
    public AppStatus deployFailed(AppStatus s, String commit, ConditionType type, String message, Instant now) {
        boolean again = s.sync() == SyncStatus.ERROR && java.util.Objects.equals(commit, s.failedCommit());
        int failures = again ? s.failureCount() + 1 : 1;
        Duration wait = settings.retryBackoff().delayAfter(failures);
        AppStatus failed = s.with(b -> {
            b.sync = SyncStatus.ERROR;
            b.lastError = message;
            b.failedCommit = commit;
            b.failureCount = failures;
            b.nextRetryAt = settings.retryErrors() ? now.plus(wait) : null;
        });
        if (ConditionType.APPLY.contains(type)) {
            // only the cause of this failure holds; earlier apply failures are superseded
            failed = failed.without(ConditionType.APPLY);
        }
        return failed.withCondition(type, message, now);
    }

    static String abbrev(String sha) {
        return sha == null ? "(none)" : sha.substring(0, Math.min(7, sha.length()));
    }
}
