package io.conops.server.sync;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Who asked for an app's next user-requested sync (a manual sync, a rollback), so its deployment
 * record can name them. The work queue carries only a trigger per app; this carries the rest.
 */
@Component
class Requesters {
    private final Map<UUID, String> waiting = new ConcurrentHashMap<>();

    void note(UUID app, String caller) {
        if (caller != null) {
            waiting.put(app, caller);
        }
    }

    /** The caller noted for the app, once; null when none. */
    String take(UUID app) {
        return waiting.remove(app);
    }
}
