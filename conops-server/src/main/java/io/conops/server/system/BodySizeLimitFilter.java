package io.conops.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API bodies are small; anything over the limit is refused before it is read. It applies to every
 * path, so no spelling of a path (an encoded letter, a ";") slips a large body past it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class BodySizeLimitFilter extends OncePerRequestFilter {
    static final long LIMIT = 256 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > LIMIT || (chunked && !"GET".equals(request.getMethod()))) {
            ProblemResponses.write(
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "body: request bodies are limited to " + LIMIT / 1024 + " KiB (with a Content-Length)",
                    Map.of("field", "body"));
            return;
        }
        chain.doFilter(request, response);
    }
}
