package io.conops.server.security;

import io.conops.server.system.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down token guessing: a request that offers a token (a bearer header, or the UI's login
 * form) from an address with too many recent failures is answered 429 with Retry-After before the
 * token is even compared. Whether an attempt failed is read from the answer the security chains
 * gave (401, or the login page's redirect to {@code ?error}), so every way of authenticating
 * counts, whichever provider judged it. The address is the TCP peer's: a forwarded-for header is
 * the client's to invent.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuthThrottleFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(AuthThrottleFilter.class);

    private final AuthThrottle throttle;

    AuthThrottleFilter(AuthThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean login = isLogin(request);
        if (!login && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.waitFor(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            ProblemResponses.write(
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed authentications from this address; try again in " + seconds + " s",
                    Map.of("retry_after_seconds", seconds));
            return;
        }
        chain.doFilter(request, response);
        if (login ? isLoginFailure(response) : response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            throttle.failed(address);
            log.debug("Failed authentication from {}", address);
        }
    }

    private static boolean isLogin(HttpServletRequest request) {
        return HttpMethod.POST.matches(request.getMethod()) && UiSecurityConfig.LOGIN.equals(request.getRequestURI());
    }

    private static boolean isLoginFailure(HttpServletResponse response) {
        String location = response.getHeader(HttpHeaders.LOCATION);
        return location != null && location.endsWith(UiSecurityConfig.LOGIN + "?error");
    }
}
