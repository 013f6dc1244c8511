package io.conops.server.security;

import io.conops.server.access.Caller;
import io.conops.server.access.CurrentCaller;
import io.conops.server.token.Tokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A UI session outlives the login that opened it, so each request asks whether its token still
 * exists and has not expired: a revoked or expired token's session ends at its next request.
 */
final class RevokedSessions extends OncePerRequestFilter {
    private final Tokens tokens;

    RevokedSessions(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = CurrentCaller.get().orElse(null);
        if (caller != null && !caller.isBootstrap() && !tokens.active(caller.id())) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }
}
