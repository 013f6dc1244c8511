package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.server.system.ApiProblem;
import org.springframework.http.HttpStatus;

/** A request named a service the app does not have. */
class UnknownServiceException extends ConopsException implements ApiProblem {
    UnknownServiceException(String app, String service) {
        super("service: app '" + app + "' has no service '"
                + (service.length() > 80 ? service.substring(0, 80) + "…" : service) + "'");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.NOT_FOUND;
    }

    @Override
    public String title() {
        return "Service not found";
    }

    @Override
    public String field() {
        return "service";
    }
}
