package io.conops.server.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A token as the client sent it, not yet checked: what the providers are asked about. */
final class BearerToken extends AbstractAuthenticationToken {
    private String token;

    BearerToken(String token) {
        super(List.of());
        this.token = token;
        setAuthenticated(false);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }

    @Override
    public void eraseCredentials() {
        token = null;
        super.eraseCredentials();
    }
}
