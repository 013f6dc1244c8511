package io.conops.core.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What happened to an app, as opposed to what the user asked for ({@link AppSpec}). Immutable:
 * the reconcile policy returns a new status, and the server stores it.
 *
 * @param lastSeenCommit   the branch head the app is working towards
 * @param lastSyncedCommit the commit of the last successful deployment: what healing restores
 * @param lastError        the last failure's message (kept after its condition cleared)
 * @param failedCommit     the commit whose deployment failed last (null: the failure had no commit)
 * @param failureCount     failed attempts in a row at {@code failedCommit}
 * @param nextRetryAt      when a failed deployment may be retried (CONOPS_RETRY_ERRORS), else null
 * @param heal             the self-heal streak in progress, or null when calm
 * @param conditions       the conditions that hold now, by type
 * @param pinnedCommit     the commit a rollback pinned the app to (new heads are not deployed), or null
 */
public record AppStatus(
        SyncStatus sync,
        Health health,
        String lastSeenCommit,
        String lastSyncedCommit,
        Instant lastSyncAt,
        String lastError,
        String failedCommit,
        int failureCount,
        Instant nextRetryAt,
        HealStreak heal,
        List<Condition> conditions,
        String pinnedCommit) {

    public AppStatus {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(health, "health");
        conditions = conditions == null
                ? List.of()
                : conditions.stream()
                        .sorted(Comparator.comparing(Condition::type))
                        .toList();
    }

    /** A newly registered app. */
    public static AppStatus registered() {
        return new AppStatus(
                SyncStatus.REGISTERED, Health.UNKNOWN, null, null, null, null, null, 0, null, null, List.of(), null);
    }

    public boolean deployedOnce() {
        return lastSyncedCommit != null;
    }

    public boolean has(ConditionType type) {
        return conditions.stream().anyMatch(c -> c.type() == type);
    }

    public Condition condition(ConditionType type) {
        return conditions.stream().filter(c -> c.type() == type).findFirst().orElse(null);
    }

    /** Sets a condition; one already holding keeps its {@code since}, and takes the new message. */
    public AppStatus withCondition(ConditionType type, String message, Instant now) {
        List<Condition> next = new ArrayList<>();
        Instant since = now;
        for (Condition c : conditions) {
            if (c.type() == type) {
                since = c.since();
            } else {
                next.add(c);
            }
        }
        next.add(new Condition(type, message, since));
        return with(b -> b.conditions = next);
    }

    public AppStatus without(Collection<ConditionType> types) {
        if (conditions.stream().noneMatch(c -> types.contains(c.type()))) {
            return this;
        }
        List<Condition> next =
                conditions.stream().filter(c -> !types.contains(c.type())).toList();
        return with(b -> b.conditions = next);
    }

    public AppStatus without(ConditionType type) {
        return without(List.of(type));
    }

    public boolean pinned() {
        return pinnedCommit != null;
    }

    /** The commit the app should run: the pinned one, else the branch head. */
    public String target() {
        return pinned() ? pinnedCommit : lastSeenCommit;
    }

    public AppStatus withSync(SyncStatus s) {
        return with(b -> b.sync = s);
    }

    public AppStatus withHealth(Health h) {
        return with(b -> b.health = h);
    }

    public AppStatus withLastSeen(String sha) {
        return with(b -> b.lastSeenCommit = sha);
    }

    public AppStatus withLastError(String message) {
        return with(b -> b.lastError = message);
    }

    public AppStatus withHeal(HealStreak streak) {
        return with(b -> b.heal = streak);
    }

    /** Changes several fields at once. */
    public AppStatus with(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** A mutable copy, for {@link #with}. */
    public static final class Builder {
        public SyncStatus sync;
        public Health health;
        public String lastSeenCommit;
        public String lastSyncedCommit;
        public Instant lastSyncAt;
        public String lastError;
        public String failedCommit;
        public int failureCount;
        public Instant nextRetryAt;
        public HealStreak heal;
        public List<Condition> conditions;
        public String pinnedCommit;

        Builder(AppStatus s) {
            sync = s.sync;
            health = s.health;
            lastSeenCommit = s.lastSeenCommit;
            lastSyncedCommit = s.lastSyncedCommit;
            lastSyncAt = s.lastSyncAt;
            lastError = s.lastError;
            failedCommit = s.failedCommit;
            failureCount = s.failureCount;
            nextRetryAt = s.nextRetryAt;
            heal = s.heal;
            conditions = s.conditions;
            pinnedCommit = s.pinnedCommit;
        }

        AppStatus build() {
            return new AppStatus(
                    sync,
                    health,
                    lastSeenCommit,
                    lastSyncedCommit,
                    lastSyncAt,
                    lastError,
                    failedCommit,
                    failureCount,
                    nextRetryAt,
                    heal,
                    conditions,
                    pinnedCommit);
        }
    }
}
