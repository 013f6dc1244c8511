package io.conops.server.sync;

import io.conops.core.app.Trigger;
import io.conops.server.app.AppEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the loop's work when an app's spec changes: a new app syncs at once, a changed one is
 * polled at once and at its new interval from then on, a deleted one no longer.
 */
@Component
class AppLifecycle {
    private final SyncQueue queue;
    private final Watcher watcher;

    AppLifecycle(SyncQueue queue, Watcher watcher) {
        this.queue = queue;
        this.watcher = watcher;
    }

    @EventListener
    void registered(AppEvents.Registered e) {
        // the first sync resolves the branch head itself; the watcher takes over after one interval
        watcher.resolvedNow(e.app(), e.pollInterval());
        queue.request(e.app(), Trigger.REGISTER);
    }

    @EventListener
    void changed(AppEvents.Changed e) {
        watcher.changed(e.app());
        if (e.resync()) {
            queue.request(e.app(), Trigger.MANUAL);
        }
    }

    @EventListener
    void deleted(AppEvents.Deleted e) {
        watcher.forget(e.app());
    }
}
