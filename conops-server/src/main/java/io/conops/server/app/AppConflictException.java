package io.conops.server.app;

import io.conops.core.ConopsException;

class AppConflictException extends ConopsException {
    private final String field;

    AppConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
