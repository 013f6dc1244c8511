package io.conops.server.security;

import io.conops.server.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request the firewall refused (a path with ";", "..", an encoded "/" or ".", ...) is the
 * client's fault: a 400 problem and one short log line, never a 500 with a stack trace.
 */
final class RejectedRequestHandler implements RequestRejectedHandler {
    private static final Logger log = LoggerFactory.getLogger(RejectedRequestHandler.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        log.info("Refused a {} request: {}", request.getMethod(), e.getMessage());
        ProblemResponses.write(response, HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
