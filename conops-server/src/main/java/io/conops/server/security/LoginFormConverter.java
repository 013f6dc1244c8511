package io.conops.server.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.AuthenticationConverter;

/** The login form's {@code token} field to a {@link BearerToken}: the same providers judge it. */
final class LoginFormConverter implements AuthenticationConverter {
    @Override
    public BearerToken convert(HttpServletRequest request) {
        String token = request.getParameter("token");
        return new BearerToken(token == null ? "" : token.trim());
    }
}
