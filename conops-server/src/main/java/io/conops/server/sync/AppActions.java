package io.conops.server.sync;

import io.conops.core.app.Trigger;
import io.conops.server.app.AppEntity;
import org.springframework.stereotype.Component;

/** What a user asks of the loop, the same whether the API or the web UI asks: sync now, delete. */
@Component
public class AppActions {
    private final SyncQueue queue;
    private final Watcher watcher;
    private final Teardown teardown;

    AppActions(SyncQueue queue, Watcher watcher, Teardown teardown) {
        this.queue = queue;
        this.watcher = watcher;
        this.teardown = teardown;
    }

    /** Resolves the branch head at once and syncs to it, whatever the app's status. */
    public void syncNow(AppEntity app) {
        watcher.pollNow(app.getId());
        queue.request(app.getId(), Trigger.MANUAL);
    }

    /** {@code compose down} (named volumes kept unless {@code removeVolumes}), then the app is forgotten. */
    public void delete(AppEntity app, boolean removeVolumes) {
        teardown.delete(app, removeVolumes);
    }
}
