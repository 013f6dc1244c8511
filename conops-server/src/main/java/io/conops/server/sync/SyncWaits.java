package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.core.api.DeploymentView.Outcome;
import io.conops.core.app.Durations;
import io.conops.core.app.InvalidSpecException;
import io.conops.core.app.Trigger;
import io.conops.server.app.AppStore;
import io.conops.server.system.ApiProblem;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code POST /sync?wait=}: waits for the manual sync a request started, as the original ConOps'
 * synchronous force sync did, so CI can gate on it. The sync is the first manual deployment
 * record newer than the newest one before the request; it is looked for, not told, because a
 * request arriving while a sync runs is merged into exactly one more run.
 */
@Component
class SyncWaits {
    static final Duration MAX_WAIT = Duration.ofMinutes(10);
    private static final Duration LOOK_EVERY = Duration.ofMillis(200);

    private final DeploymentRepository deployments;
    private final AppStore store;
    private final Teardown teardown;

    SyncWaits(DeploymentRepository deployments, AppStore store, Teardown teardown) {
        this.deployments = deployments;
        this.store = store;
        this.teardown = teardown;
    }

    /** The app is being deleted, or was while the caller waited. */
    static class DeletingException extends ConopsException implements ApiProblem {
        DeletingException(String message) {
            super(message);
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.CONFLICT;
        }

        @Override
        public String title() {
            return "App is being deleted";
        }
    }

    static Duration parse(String wait) {
        Duration d;
        try {
            d = Durations.parse(wait);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("wait", e.getMessage());
        }
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_WAIT) > 0) {
            throw new InvalidSpecException("wait", "must be more than 0 and at most 10m, e.g. 30s or 2m");
        }
        return d;
    }

    void refuseIfDeleting(UUID app, String name) {
        if (teardown.deleting(app)) {
            throw new DeletingException("app '" + name + "' is being deleted");
        }
    }

    /** The id of the app's newest deployment record now, 0 for none. */
    long newest(UUID app) {
        return deployments.findByAppIdOrderByIdDesc(app, PageRequest.of(0, 1)).stream()
                .map(DeploymentEntity::getId)
                .findFirst()
                .orElse(0L);
    }

    /** The finished manual deployment after {@code after}, or empty when {@code wait} ran out first. */
    Optional<DeploymentEntity> await(UUID app, String name, long after, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            refuseIfDeleting(app, name);
            if (store.find(app).isEmpty()) {
                throw new DeletingException("app '" + name + "' was deleted while the sync was awaited");
            }
            Optional<DeploymentEntity> done = deployments.findByAppIdOrderByIdDesc(app, PageRequest.of(0, 20)).stream()
                    .filter(d -> d.getId() > after && d.getTrigger() == Trigger.MANUAL)
                    .min(Comparator.comparing(DeploymentEntity::getId))
                    .filter(d -> d.getOutcome() != Outcome.RUNNING);
            if (done.isPresent()) {
                return done;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Thread.sleep(Math.min(LOOK_EVERY.toMillis(), Math.max(1, left / 1_000_000)));
        }
    }
}
