package io.conops.server.app;

import io.conops.core.app.AppStatus;
import io.conops.core.app.SyncStatus;
import io.conops.core.reconcile.Action;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Short transactions that move an app's status; each touches only the columns it owns. */
@Component
public class AppStore {
    private final AppRepository apps;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public AppStore(AppRepository apps, Clock clock, ApplicationEventPublisher events) {
        this.apps = apps;
        this.clock = clock;
        this.events = events;
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
    public Optional<PollSchedule> pollSchedule(UUID id) {
        return apps.pollSchedule(id);
    }

    @Transactional(readOnly = true)
    public List<UUID> following(String repoUrl, String branch) {
        return apps.following(repoUrl, branch);
    }

    @Transactional(readOnly = true)
    public List<AppEntity> all() {
        return apps.findAllByOrderByNameAsc();
    }

    @Transactional(readOnly = true)
    public Optional<AppEntity> findByName(String name) {
        return apps.findByName(name);
    }

    @Transactional
    public void markPending(UUID id) {
        update(id, a -> {
            if (a.getStatus() != SyncStatus.SYNCING) {
                a.apply(a.status().withSync(SyncStatus.PENDING));
            }
        });
    }

    @Transactional
    public void markSyncing(UUID id) {
        update(id, a -> a.apply(a.status().withSync(SyncStatus.SYNCING)));
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
                touched(a);
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
                touched(a);
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

    /** Forgets the app: its row, its credentials (cascade) and, through the foreign key, its history. */
    @Transactional
    public void delete(UUID id) {
        apps.deleteById(id);
    }

    private void update(UUID id, Consumer<AppEntity> change) {
        apps.findById(id).ifPresent(a -> {
            change.accept(a);
            touched(a);
        });
    }

    /** Listeners hear of it after the commit ({@code @TransactionalEventListener}). */
    private void touched(AppEntity a) {
        a.touch(clock.instant());
        events.publishEvent(new AppEvents.StatusChanged(a.getId()));
    }
}
