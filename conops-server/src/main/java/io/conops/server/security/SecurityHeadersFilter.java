package io.conops.server.security;

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
 * The security headers, on every answer: also on those written before Spring Security's chains
 * run (a path the firewall refused, a body over the limit, the throttle's 429), which the chains'
 * own header writers never see. The chains leave a header alone once it is set, so the UI's
 * choices are repeated here for its paths. API answers (JSON, never HTML) get a CSP that allows
 * nothing at all, and are never cached: they carry app settings and states.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter extends OncePerRequestFilter {
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        if (isUi(request)) {
            response.setHeader("Referrer-Policy", "same-origin");
            response.setHeader("Content-Security-Policy", UiSecurityConfig.CSP);
        } else {
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Content-Security-Policy", API_CSP);
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    private static boolean isUi(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/") || path.equals("/ui") || path.startsWith("/ui/");
    }
}
