package io.conops.server.audit;

import io.conops.server.access.Caller;
import io.conops.server.access.CurrentCaller;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Records what callers do. Takes names and outcomes only, so no secret can reach the trail. A
 * failed write is logged and does not undo or fail the action it records: the action already
 * happened, and a refused login must still be answered when the database is away.
 */
@Component
public class AuditLog {
    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String REFUSED = "refused";

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private final AuditRepository entries;
    private final Clock clock;

    AuditLog(AuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /** By the current request's caller, from its address; {@code target} names a token acted on. */
    public void record(AuditAction action, String app, String target, String outcome) {
        record(
                CurrentCaller.get().map(Caller::name).orElse(null),
                CurrentCaller.remoteAddress(),
                action,
                app,
                target,
                outcome);
    }

    public void record(
            String tokenName, String remoteAddr, AuditAction action, String app, String target, String outcome) {
        try {
            entries.save(new AuditEntity(clock.instant(), tokenName, remoteAddr, action.wire(), app, target, outcome));
        } catch (DataAccessException e) {
            log.warn("Could not record {} in the audit trail: {}", action.wire(), e.getMessage());
        }
    }

    /** Runs the work and records it with its outcome: {@code failed} when it throws. */
    public <T> T around(AuditAction action, String app, String target, Supplier<T> work) {
        try {
            T result = work.get();
            record(action, app, target, OK);
            return result;
        } catch (RuntimeException e) {
            record(action, app, target, FAILED);
            throw e;
        }
    }

    public void around(AuditAction action, String app, String target, Runnable work) {
        around(action, app, target, () -> {
            work.run();
            return null;
        });
    }
}
