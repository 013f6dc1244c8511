package io.conops.server.security;

import io.conops.server.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** The 401 answer: a problem saying whether the token was missing or wrong, and the Bearer challenge. */
final class ProblemEntryPoint implements AuthenticationEntryPoint {
    static final String MISSING = "Missing Authorization: Bearer <token> header";
    static final String INVALID = "The bearer token is not valid";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"conops\"");
        ProblemResponses.write(
                response, HttpStatus.UNAUTHORIZED, e instanceof BadCredentialsException ? INVALID : MISSING);
    }
}
