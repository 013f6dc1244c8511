package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.server.system.ApiProblem;
import org.springframework.http.HttpStatus;

/** compose down failed: the app is kept so the user can see why and try again. */
public class DeleteFailedException extends ConopsException implements ApiProblem {
    DeleteFailedException(String message) {
        super(message);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.BAD_GATEWAY;
    }

    @Override
    public String title() {
        return "Delete failed";
    }
}
