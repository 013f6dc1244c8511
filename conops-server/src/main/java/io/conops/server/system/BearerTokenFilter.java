package io.conops.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api/**} call and every Actuator endpoint but the health probes needs
 * {@code Authorization: Bearer <admin token>}; anything else gets a 401 problem.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BearerTokenFilter extends OncePerRequestFilter {
    private final AdminToken adminToken;

    BearerTokenFilter(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return false;
        }
        if (path.startsWith("/actuator")) {
            return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
        }
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : null;
        if (adminToken.matches(token)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"conops\"");
        response.setContentType("application/problem+json");
        String detail =
                token == null ? "Missing Authorization: Bearer <token> header" : "The bearer token is not valid";
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"" + detail
                        + "\"}");
    }
}
