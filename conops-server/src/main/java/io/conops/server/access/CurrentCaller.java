package io.conops.server.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The caller of the request this thread serves. Outside a request (the loop, a webhook) there is
 * none, and nothing is scoped: the loop works on every app.
 */
public final class CurrentCaller {
    private CurrentCaller() {}

    public static Optional<Caller> get() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.isAuthenticated() && a.getPrincipal() instanceof Caller c
                ? Optional.of(c)
                : Optional.empty();
    }

    /** True when there is no caller or the caller may see that app. */
    public static boolean sees(String app) {
        return get().map(c -> c.sees(app)).orElse(true);
    }

    /** The remote address of the current request, or null outside one. */
    public static String remoteAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes s
                ? remoteAddress(s.getRequest())
                : null;
    }

    public static String remoteAddress(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
