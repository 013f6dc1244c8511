package io.conops.server.app;

import io.conops.core.ConopsException;
import io.conops.server.system.ApiProblem;
import org.springframework.http.HttpStatus;

class AppNotFoundException extends ConopsException implements ApiProblem {
    AppNotFoundException(String idOrName) {
        super("no app with id or name '" + (idOrName.length() > 80 ? idOrName.substring(0, 80) + "…" : idOrName) + "'");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.NOT_FOUND;
    }

    @Override
    public String title() {
        return "App not found";
    }
}
