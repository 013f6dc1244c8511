package io.conops.core.reconcile;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a service is or is not in sync. */
public enum Reason {
    IN_SYNC(false),
    /** A one-shot service that ran to completion: done, not drift. */
    COMPLETED(false),
    /** Running, healthcheck not yet passed. */
    STARTING(false),
    MISSING(true),
    NOT_RUNNING(true),
    UNHEALTHY(true),
    HASH_DIFFERS(true),
    ORPHAN(true);

    private final boolean needsApply;

    Reason(boolean needsApply) {
        this.needsApply = needsApply;
    }

    public boolean needsApply() {
        return needsApply;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
