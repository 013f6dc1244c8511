package io.conops.server.system;

import org.springframework.http.HttpStatus;

/**
 * A failure that answers an API request with a problem of its own status: each feature's
 * exceptions say how they are shown, so the one handler needs to know none of them.
 */
public interface ApiProblem {
    HttpStatus status();

    String title();

    /** The request field the problem is about, or null. */
    default String field() {
        return null;
    }
}
