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

    /**
     * Render, validate and apply the commit (a full sync). {@code pull} asks for fresh images (a tag
     * moved); otherwise only images missing locally are pulled, as {@code up} would pull them anyway.
     */
    record Deploy(AppStatus next, String commit, boolean pull) implements Action {}

    /**
     * Bring the last successful deployment back, touching only what needs it (never a completed
     * one-shot): {@code services} to create anew through Compose (missing, or another definition),
     * {@code start} whose stopped container still has the right definition, {@code restart} whose
     * running container is unhealthy; and remove containers that are not part of it.
     */
    record Heal(
            AppStatus next,
            String commit,
            List<String> services,
            List<String> start,
            boolean removeOrphans,
            List<String> restart)
            implements Action {
        public Heal {
            services = List.copyOf(services);
            start = List.copyOf(start);
            restart = List.copyOf(restart);
        }
    }

    /** Look again at {@code at} (a heal's backoff, a retry's backoff). */
    record WaitUntil(AppStatus next, Instant at, String why) implements Action {}

    /** The sync asked for cannot even start: record a failed deployment that says why. */
    record Fail(AppStatus next, ConditionType type, String message) implements Action {}
}
