package io.conops.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * {@code Authorization: Bearer <token>} to a {@link BearerToken}; no such header means no attempt,
 * so the request goes on anonymously and the authorization rules decide.
 */
final class BearerTokenConverter implements AuthenticationConverter {
    private static final String SCHEME = "Bearer ";

    @Override
    public BearerToken convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        return new BearerToken(header.substring(SCHEME.length()).trim());
    }
}
