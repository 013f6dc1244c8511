package io.conops.server.security;

import io.conops.server.access.Caller;
import io.conops.server.token.Tokens;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Tokens made through {@code POST /api/v1/tokens}: the caller with the token's role and apps. */
@Component
@Order(2)
class StoredTokenProvider implements AuthenticationProvider {
    private final Tokens tokens;

    StoredTokenProvider(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        return tokens.authenticate((String) authentication.getCredentials())
                .map(StoredTokenProvider::authenticated)
                .orElseThrow(() -> new BadCredentialsException("The bearer token is not valid"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }

    /** The caller as principal, its role as the one authority; no credentials kept. */
    static Authentication authenticated(Caller caller) {
        return UsernamePasswordAuthenticationToken.authenticated(
                caller, null, List.of(new SimpleGrantedAuthority(caller.role().authority())));
    }
}
