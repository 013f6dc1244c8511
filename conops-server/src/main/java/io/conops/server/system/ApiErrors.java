package io.conops.server.system;

import io.conops.core.ConopsException;
import io.conops.core.app.InvalidSpecException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Every API error as application/problem+json, naming the offending field where there is one. */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    private final DatabaseRecovery database;
    private final RepeatingFailure databaseFailures = new RepeatingFailure(log, "API request");

    ApiErrors(DatabaseRecovery database) {
        this.database = database;
    }

    @ExceptionHandler(InvalidSpecException.class)
    ProblemDetail invalid(InvalidSpecException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid field: " + e.field(), e.getMessage(), e.field());
    }

    /**
     * A feature's own problem (not found, conflict, busy, ...), or else: Git or the Engine failed while
     * answering, so the request was fine and an upstream was not.
     */
    @ExceptionHandler(ConopsException.class)
    ProblemDetail upstream(ConopsException e) {
        if (e instanceof ApiProblem p) {
            return problem(p.status(), p.title(), e.getMessage(), p.field());
        }
        return problem(HttpStatus.BAD_GATEWAY, "Upstream failure", e.getMessage(), null);
    }

    /**
     * The database failed under the request. When it is away (a storage failure: H2 closed or
     * read-only until {@code DatabaseRecovery} reopens it) that is a 503 to retry, logged once in a
     * while, not a stack trace per request; otherwise it is a bug, and a 500 as before.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> database(RuntimeException e) {
        Optional<String> problem = database.unavailable(e);
        if (problem.isEmpty()) {
            log.error("Request failed on the database", e);
            return ResponseEntity.internalServerError()
                    .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request failed", null));
        }
        databaseFailures.failed("the database is unavailable: " + problem.get());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Database unavailable",
                        "The database cannot be used right now (storage failure?); try again shortly",
                        null));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = null;
        String detail = "The request body is not valid JSON";
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            field = u.getPropertyName();
            detail = field + ": unknown field";
        } else if (cause instanceof DatabindException d && !d.getPath().isEmpty()) {
            field = d.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : String.valueOf(r.getIndex()))
                    .collect(Collectors.joining("."));
            detail = field + ": wrong type or value";
        } else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            field = "body";
            detail = "body: a JSON object is required";
        }
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Malformed request", detail, field);
        return handleExceptionInternal(ex, p, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        if (field != null) {
            p.setProperty("field", field);
        }
        return p;
    }
}
