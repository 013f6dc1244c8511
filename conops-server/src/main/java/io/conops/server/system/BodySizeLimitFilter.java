package io.conops.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API bodies are small; anything over the limit is refused before it is read. It applies to every
 * path, so no spelling of a path (an encoded letter, a ";") slips a large body past it. Webhook
 * deliveries (a push of many commits) may be larger; they are told apart by the path as the
 * container normalised it (decoded, without path parameters or dot segments), so a path that
 * merely starts like a webhook's gets the API's limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class BodySizeLimitFilter extends OncePerRequestFilter {
    static final long LIMIT = 256 * 1024;
    static final long WEBHOOK_LIMIT = 1024 * 1024;
    private static final Pattern WEBHOOK = Pattern.compile("^/api/v1/webhooks/[a-z]+/?$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = isWebhook(request) ? WEBHOOK_LIMIT : LIMIT;
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > limit || (chunked && !"GET".equals(request.getMethod()))) {
            ProblemResponses.write(
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "body: request bodies are limited to " + limit / 1024 + " KiB (with a Content-Length)",
                    Map.of("field", "body"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isWebhook(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return WEBHOOK.matcher(path).matches();
    }
}
