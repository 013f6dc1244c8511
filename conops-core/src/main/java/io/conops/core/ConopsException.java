package io.conops.core;

import io.conops.core.app.ConditionType;

/**
 * Root of every failure ConOps raises itself; adapters translate library exceptions into it at
 * their boundary, and say which condition of the app the failure makes hold.
 */
public class ConopsException extends RuntimeException {
    private final ConditionType condition;

    public ConopsException(String message) {
        this(null, message, null);
    }

    public ConopsException(String message, Throwable cause) {
        this(null, message, cause);
    }

    public ConopsException(ConditionType condition, String message, Throwable cause) {
        super(message, cause);
        this.condition = condition;
    }

    /** The condition this failure makes hold; {@link ConditionType#APPLY_FAILED} when none more precise is known. */
    public ConditionType condition() {
        return condition == null ? ConditionType.APPLY_FAILED : condition;
    }
}
