package io.conops.server.sync;

import io.conops.core.app.Trigger;
import io.conops.server.app.AppEntity;
import io.conops.server.audit.AuditAction;
import io.conops.server.audit.AuditLog;
import org.springframework.stereotype.Component;

/**
 * What a user asks of the loop, the same whether the API or the web UI asks: sync now, delete; each
 * recorded in the audit trail. {@code synced} means the sync was requested, its result is the
 * deployment record's.
 */
@Component
public class AppActions {
    private final SyncQueue queue;
    private final Watcher watcher;
    private final Teardown teardown;

    private final AuditLog audit;

    AppActions(SyncQueue queue, Watcher watcher, Teardown teardown, AuditLog audit) {
        this.audit = audit;
        this.queue = queue;
        this.watcher = watcher;
        this.teardown = teardown;
    }

    /** Resolves the branch head at once and syncs to it, whatever the app's status. */
    public void syncNow(AppEntity app) {
        audit.around(AuditAction.APP_SYNCED, app.getName(), null, () -> {
            watcher.pollNow(app.getId());
            queue.request(app.getId(), Trigger.MANUAL);
        });
    }

    /** {@code compose down} (named volumes kept unless {@code removeVolumes}), then the app is forgotten. */
    public void delete(AppEntity app, boolean removeVolumes) {
        audit.around(AuditAction.APP_DELETED, app.getName(), null, () -> teardown.delete(app, removeVolumes));
    }
}
