package io.conops.server.security;

import io.conops.server.access.Caller;
import io.conops.server.access.CurrentCaller;
import io.conops.server.audit.AuditAction;
import io.conops.server.audit.AuditLog;
import io.conops.server.system.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * The security chains' answers that leave a trace in the audit trail: a refused token, a refused
 * action, a login to the UI. Never the token itself: only the caller's name, when there is one.
 */
@Component
class AuditingHandlers {
    private final AuditLog audit;

    AuditingHandlers(AuditLog audit) {
        this.audit = audit;
    }

    /** Records the refused token, then answers as {@code then} does. */
    AuthenticationFailureHandler refused(AuthenticationFailureHandler then) {
        return (request, response, e) -> {
            audit.record(
                    null, CurrentCaller.remoteAddress(request), AuditAction.AUTH_REFUSED, null, null, AuditLog.REFUSED);
            then.onAuthenticationFailure(request, response, e);
        };
    }

    /** The API's 403: a problem saying the token's role may not do this. */
    AccessDeniedHandler apiDenied() {
        return (request, response, e) -> {
            denied(request);
            ProblemResponses.write(response, HttpStatus.FORBIDDEN, "This token's role may not do this");
        };
    }

    /** The UI's 403: its error page. */
    AccessDeniedHandler uiDenied() {
        AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();
        return (request, response, e) -> {
            denied(request);
            page.handle(request, response, e);
        };
    }

    AuthenticationSuccessHandler loggedIn(AuthenticationSuccessHandler then) {
        return (request, response, authentication) -> {
            String name = authentication.getPrincipal() instanceof Caller c ? c.name() : null;
            audit.record(name, CurrentCaller.remoteAddress(request), AuditAction.UI_LOGIN, null, null, AuditLog.OK);
            then.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private void denied(jakarta.servlet.http.HttpServletRequest request) {
        audit.record(
                CurrentCaller.get().map(Caller::name).orElse(null),
                CurrentCaller.remoteAddress(request),
                AuditAction.ACCESS_DENIED,
                null,
                null,
                AuditLog.REFUSED);
    }
}
