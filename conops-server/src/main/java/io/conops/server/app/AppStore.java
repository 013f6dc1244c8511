package io.conops.server.app;

import io.conops.core.app.AppStatus;
import io.conops.core.app.Health;
import io.conops.core.app.SyncStatus;
import io.conops.core.reconcile.Action;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Short transactions that move an app's status; each touches only the columns it owns. */
@Component
public class AppStore {
    private final AppRepository apps;
    private final Clock clock;

    public AppStore(AppRepository apps, Clock clock) {
        this.apps = apps;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<AppEntity> find(UUID id) {
        return apps.findById(id);
    }

    @Transactional(readOnly = true)
    public List<PollSchedule> pollSchedules() {
        return apps.pollSchedules();
    }

    @Transactional(readOnly = true)
    public List<AppEntity> all() {
        return apps.findAllByOrderByNameAsc();
    }

    @Transactional(readOnly = true)
    public Optional<AppEntity> findByName(String name) {
        return apps.findByName(name);
    }

    /** A new head was seen on the branch: remember it and wait for the sync (unless one runs). */
    @Transactional
    public void markSeen(UUID id, String sha) {
        update(id, a -> {
            if (sha.equals(a.getLastSeenCommit())) {
                return;
            }
            a.setLastSeenCommit(sha);
            if (a.getStatus() != SyncStatus.SYNCING) {
                a.setStatus(SyncStatus.PENDING);
            }
        });
    }

    @Transactional
    public void markPending(UUID id) {
        update(id, a -> {
            if (a.getStatus() != SyncStatus.SYNCING) {
                a.setStatus(SyncStatus.PENDING);
            }
        });
    }

    @Transactional
    public void markSyncing(UUID id) {
        update(id, a -> a.setStatus(SyncStatus.SYNCING));
    }

    @Transactional
    public void markSynced(UUID id, String sha, String deployedServices, Health health) {
        update(id, a -> {
            a.setStatus(SyncStatus.SYNCED);
            a.setHealth(health);
            a.setLastSyncedCommit(sha);
            a.setLastSyncAt(clock.instant());
            a.setLastError(null);
            a.setFailedCommit(null);
            a.setFailureCount(0);
            a.setNextRetryAt(null);
            a.setDeployedServices(deployedServices);
        });
    }

    @Transactional
    public void markError(UUID id, String sha, String error, Instant nextRetryAt) {
        update(id, a -> {
            a.setStatus(SyncStatus.ERROR);
            a.setLastError(error);
            a.setFailureCount(sha != null && sha.equals(a.getFailedCommit()) ? a.getFailureCount() + 1 : 1);
            a.setFailedCommit(sha);
            a.setNextRetryAt(nextRetryAt);
        });
    }

    @Transactional
    public void setHealth(UUID id, Health health) {
        update(id, a -> {
            if (a.getHealth() != health) {
                a.setHealth(health);
            }
        });
    }

    /**
     * What a compare of a synced app found: its health and, while self-healing is in trouble, why
     * ({@code problem}, null clears it). Writes only when something changed: idle ticks stay reads.
     */
    @Transactional
    public void markObserved(UUID id, Health health, String problem) {
        apps.findById(id).ifPresent(a -> {
            if (a.getStatus() != SyncStatus.SYNCED) {
                return;
            }
            if (a.getHealth() != health || !java.util.Objects.equals(a.getLastError(), problem)) {
                a.setHealth(health);
                a.setLastError(problem);
                a.touch(clock.instant());
            }
        });
    }

    /**
     * A drift heal found nothing to do (or has to wait for its backoff): the app is back to synced
     * unless a new commit was seen meanwhile.
     */
    @Transactional
    public void markStillSynced(UUID id, String sha, Health health, String problem) {
        update(id, a -> {
            if (a.getStatus() == SyncStatus.PENDING
                    && sha.equals(a.getLastSyncedCommit())
                    && sha.equals(a.getLastSeenCommit())) {
                a.setStatus(SyncStatus.SYNCED);
            }
            if (a.getStatus() == SyncStatus.SYNCED) {
                a.setHealth(health);
                a.setLastError(problem);
            }
        });
    }

    /** A drift heal failed: the commit stays applied (synced), the app is degraded, and why. */
    @Transactional
    public void markHealFailed(UUID id, String problem) {
        update(id, a -> {
            a.setStatus(SyncStatus.SYNCED);
            a.setHealth(Health.DEGRADED);
            a.setLastError(problem);
        });
    }

    /**
     * Runs a decision of the policy on the app's current status and stores the status it returns, in
     * one transaction, so that what was decided is decided on what is stored.
     *
     * @return the action, or empty when the app is gone
     */
    @Transactional
    public Optional<Action> decide(UUID id, Function<AppStatus, Action> policy) {
        return apps.findById(id).map(a -> {
            Action action = policy.apply(a.status());
            if (a.apply(action.next())) {
                a.touch(clock.instant());
            }
            return action;
        });
    }

    /** Moves the app's status through a function of the policy; returns the new status, empty when gone. */
    @Transactional
    public Optional<AppStatus> transition(UUID id, UnaryOperator<AppStatus> change) {
        return apps.findById(id).map(a -> {
            AppStatus next = change.apply(a.status());
            if (a.apply(next)) {
                a.touch(clock.instant());
            }
            return next;
        });
    }

    /** Stores what a successful deployment deployed: what drift is measured against from now on. */
    @Transactional
    public void deployed(UUID id, String deployedServices, UnaryOperator<AppStatus> change) {
        update(id, a -> {
            a.setDeployedServices(deployedServices);
            a.apply(change.apply(a.status()));
        });
    }

    private void update(UUID id, Consumer<AppEntity> change) {
        apps.findById(id).ifPresent(a -> {
            change.accept(a);
            a.touch(clock.instant());
        });
    }
}
