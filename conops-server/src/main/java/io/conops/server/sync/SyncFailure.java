package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;

/** A sync that cannot go on; the message is what the user reads in {@code last_error}. */
class SyncFailure extends ConopsException {
    SyncFailure(String message) {
        super(ConditionType.APPLY_FAILED, message, null);
    }

    SyncFailure(String message, Throwable cause) {
        super(ConditionType.APPLY_FAILED, message, cause);
    }

    SyncFailure(ConditionType condition, String message) {
        super(condition, message, null);
    }

    SyncFailure(ConditionType condition, String message, Throwable cause) {
        super(condition, message, cause);
    }

    /** The same failure, as a cause of another kind (a render step failing makes the commit invalid). */
    SyncFailure as(ConditionType condition) {
        return new SyncFailure(condition, getMessage(), getCause());
    }
}
