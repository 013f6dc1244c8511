package io.conops.server.access;

import io.conops.core.ConopsException;
import io.conops.server.system.ApiProblem;
import org.springframework.http.HttpStatus;

/** The caller's token may not do this: a 403 problem. */
public class AccessDeniedProblem extends ConopsException implements ApiProblem {
    public AccessDeniedProblem(String message) {
        super(message);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.FORBIDDEN;
    }

    @Override
    public String title() {
        return "Forbidden";
    }

    /**
     * Tokens and the audit trail span every app, so only an admin token limited to no apps may
     * manage them (else a limited admin could mint itself an unlimited token).
     */
    public static void requireUnlimitedAdmin() {
        CurrentCaller.get().ifPresent(c -> {
            if (c.role() != Role.ADMIN || c.limited()) {
                throw new AccessDeniedProblem("only an admin token that is not limited to apps may do this");
            }
        });
    }
}
