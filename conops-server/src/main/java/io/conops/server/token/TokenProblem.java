package io.conops.server.token;

import io.conops.core.ConopsException;
import io.conops.server.system.ApiProblem;
import org.springframework.http.HttpStatus;

/** A token that exists already (409) or does not (404). */
class TokenProblem extends ConopsException implements ApiProblem {
    private final HttpStatus status;
    private final String field;

    private TokenProblem(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    static TokenProblem exists(String name) {
        return new TokenProblem(HttpStatus.CONFLICT, "name", "name: a token named '" + name + "' already exists");
    }

    static TokenProblem bootstrap() {
        return new TokenProblem(
                HttpStatus.CONFLICT,
                "name",
                "name: 'admin' is the bootstrap token (CONOPS_ADMIN_TOKEN); change that setting to replace it");
    }

    static TokenProblem notFound(String name) {
        String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
        return new TokenProblem(HttpStatus.NOT_FOUND, null, "no token named '" + shown + "'");
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    @Override
    public String title() {
        return status == HttpStatus.CONFLICT ? "Conflict" : "Token not found";
    }

    @Override
    public String field() {
        return field;
    }
}
