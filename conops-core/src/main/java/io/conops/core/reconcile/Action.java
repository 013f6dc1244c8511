package io.conops.core.reconcile;

import io.conops.core.app.AppStatus;
import io.conops.core.app.ConditionType;
import java.time.Instant;
import java.util.List;

/**
 * What the policy tells the server to do. Every action carries the status to store first; the
 * server stores it, then does what the action says, and nothing else.
 */
public sealed interface Action {

    AppStatus next();

    /** Nothing to run; store {@code next} (it may differ: health, conditions). */
    record Skip(AppStatus next, String why) implements Action {}

    /** Render, validate and apply the commit (a full sync); {@code pull} asks for fresh images. */
    record Deploy(AppStatus next, String commit, boolean pull) implements Action {}

    /**
     * Bring the named services of the last successful deployment back: recreate or start them
     * (never the completed one-shots), restart the unhealthy ones, remove the orphans.
     */
    record Heal(AppStatus next, String commit, List<String> services, boolean removeOrphans, List<String> restart)
            implements Action {
        public Heal {
            services = List.copyOf(services);
            restart = List.copyOf(restart);
        }
    }

    /** Look again at {@code at} (a heal's backoff, a retry's backoff). */
    record WaitUntil(AppStatus next, Instant at, String why) implements Action {}

    /** The sync asked for cannot even start: record a failed deployment that says why. */
    record Fail(AppStatus next, ConditionType type, String message) implements Action {}
}
