package io.conops.ctl;

import io.conops.core.api.AppView;
import io.conops.core.app.Durations;
import io.conops.core.app.SyncStatus;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Polls an app after a sync was requested until that sync is over. The API has no operation id to
 * wait on, and right after the request the app may still show the previous sync's {@code synced},
 * so a final status counts only once this sync has visibly happened: a pending or syncing status was
 * seen, or the app's record changed since before the request. A sync with nothing to do may change
 * nothing at all; a final status that stays put for {@link #SETTLE_POLLS} looks is taken as that.
 */
final class SyncWaiter {
    static final int SETTLE_POLLS = 5;

    private final ApiClient client;
    private final String path;
    private final Duration pollEvery;

    SyncWaiter(ApiClient client, String path, Duration pollEvery) {
        this.client = client;
        this.path = path;
        this.pollEvery = pollEvery;
    }

    /** Returns the app's JSON once its sync has ended, synced or in error. */
    JsonNode await(AppView before, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean started = false;
        int unchangedFinalLooks = 0;
        while (true) {
            JsonNode node = client.get(path);
            AppView now = Json.read(node, AppView.class);
            boolean isFinal = now.status() == SyncStatus.SYNCED || now.status() == SyncStatus.ERROR;
            started |= !isFinal;
            unchangedFinalLooks = isFinal ? unchangedFinalLooks + 1 : 0;
            if (isFinal && (started || changed(before, now) || unchangedFinalLooks >= SETTLE_POLLS)) {
                return node;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new CtlException(
                        ExitCodes.WAIT_TIMEOUT,
                        "gave up waiting for '" + now.name() + "' after " + Durations.format(timeout) + ": status is "
                                + Text.wire(now.status()));
            }
            sleep();
        }
    }

    private static boolean changed(AppView before, AppView now) {
        return !Objects.equals(before.updatedAt(), now.updatedAt())
                || !Objects.equals(before.lastSyncAt(), now.lastSyncAt())
                || !Objects.equals(before.lastSeenCommit(), now.lastSeenCommit())
                || !Objects.equals(before.lastSyncedCommit(), now.lastSyncedCommit())
                || before.status() != now.status();
    }

    private void sleep() {
        try {
            Thread.sleep(pollEvery.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException(ExitCodes.UNEXPECTED, "interrupted while waiting for the sync");
        }
    }
}
