package io.conops.server.app;

import io.conops.core.ConopsException;
import io.conops.server.system.ApiProblem;
import org.springframework.http.HttpStatus;

class AppConflictException extends ConopsException implements ApiProblem {
    private final String field;

    AppConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONFLICT;
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
