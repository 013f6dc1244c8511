package io.conops.server.system;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders the server's error dispatches (an exception no handler took, a {@code sendError}) as
 * problem details. The error path itself is no resource: a client asking for it gets a 404.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            return problem(HttpStatus.NOT_FOUND);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : null;
        return problem(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatus(status));
    }
}
