package io.conops.server.security;

import io.conops.server.system.AdminToken;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The admin token, compared in constant time, grants {@code ROLE_ADMIN}. Further tokens with other
 * roles come as further providers of {@link BearerToken}s.
 */
@Component
class AdminTokenProvider implements AuthenticationProvider {
    static final String ROLE = "ROLE_ADMIN";
    private final AdminToken adminToken;

    AdminTokenProvider(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!adminToken.matches((String) authentication.getCredentials())) {
            throw new BadCredentialsException("The bearer token is not valid");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, List.of(new SimpleGrantedAuthority(ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
