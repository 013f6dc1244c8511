package io.conops.core.app;

import io.conops.core.ConopsException;

/** A spec value the user gave is not acceptable; names the offending field (wire name). */
public class InvalidSpecException extends ConopsException {
    private final String field;

    public InvalidSpecException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
