package io.conops.server.security;

import io.conops.server.access.Caller;
import io.conops.server.system.AdminToken;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The bootstrap admin token, compared in constant time: the caller {@code admin}, role admin, all
 * apps. Asked first, so it works without the database; tokens made through the API are judged
 * by {@link StoredTokenProvider}.
 */
@Component
@Order(1)
class AdminTokenProvider implements AuthenticationProvider {
    private final AdminToken adminToken;

    AdminTokenProvider(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!adminToken.matches((String) authentication.getCredentials())) {
            throw new BadCredentialsException("The bearer token is not valid");
        }
        return StoredTokenProvider.authenticated(Caller.bootstrap());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
