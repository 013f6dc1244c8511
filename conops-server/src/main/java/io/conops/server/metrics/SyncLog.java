package io.conops.server.metrics;

import io.conops.server.sync.SyncEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One log line per sync, whatever its outcome: app, commit, trigger, outcome, duration. The same
 * facts go along as key-value pairs, so that a JSON log (CONOPS_LOG_FORMAT=json) has them as fields.
 */
@Component
class SyncLog {
    private static final Logger log = LoggerFactory.getLogger(SyncLog.class);

    @EventListener
    void synced(SyncEvents.SyncFinished e) {
        String commit = e.commit() == null
                ? "(none)"
                : e.commit().substring(0, Math.min(12, e.commit().length()));
        long millis = e.duration().toMillis();
        log.atInfo()
                .addKeyValue("app", e.appName())
                .addKeyValue("commit", commit)
                .addKeyValue("trigger", e.trigger().wire())
                .addKeyValue("outcome", e.outcome().wire())
                .addKeyValue("duration_ms", millis)
                .log(
                        "Sync app={} commit={} trigger={} outcome={} duration={}ms",
                        e.appName(),
                        commit,
                        e.trigger().wire(),
                        e.outcome().wire(),
                        millis);
    }
}
