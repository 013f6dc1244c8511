package io.conops.server.notify;

import io.conops.core.app.Health;
import io.conops.core.app.SyncStatus;
import io.conops.server.app.AppEntity;

/**
 * The state notifications are about, read from an app's status: failing (at a commit), degraded, or
 * fine. A notice is sent when it changes, so a sync that fails again at the same commit, or a
 * tick that finds the same degraded health, sends nothing.
 *
 * @param failedCommit the commit that failed, for {@link Kind#FAILING}
 */
record AppState(Kind kind, String failedCommit) {
    enum Kind {
        FINE,
        FAILING,
        DEGRADED
    }

    static final AppState FINE = new AppState(Kind.FINE, null);

    /** The app's state, or null while it is in between (pending, syncing, progressing, unknown). */
    static AppState of(AppEntity a) {
        if (a.getStatus() == SyncStatus.ERROR) {
            return new AppState(
                    Kind.FAILING, a.getFailedCommit() != null ? a.getFailedCommit() : a.getLastSeenCommit());
        }
        if (a.getHealth() == Health.DEGRADED) {
            return new AppState(Kind.DEGRADED, null);
        }
        if (a.getStatus() == SyncStatus.SYNCED && a.getHealth() == Health.HEALTHY) {
            return FINE;
        }
        return null;
    }

    /** What moving from {@code before} to this state tells, or null when it tells nothing. */
    Notice.Event newsAfter(AppState before) {
        if (this.equals(before)) {
            return null;
        }
        return switch (kind) {
            case FAILING -> Notice.Event.SYNC_FAILED;
            case DEGRADED -> Notice.Event.DEGRADED;
            case FINE -> before != null && before.kind != Kind.FINE ? Notice.Event.RECOVERED : null;
        };
    }
}
