package io.conops.server.security;

import io.conops.server.access.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * What each role may do, for the API and the web UI alike: every role reads; operator and admin
 * sync (and roll back, unpin); only admin does anything else (registering, changing and deleting apps, tokens, the audit
 * trail). A route added later that changes something is therefore admin-only until said otherwise.
 */
final class RoleRules {
    private static final String ADMIN = Role.ADMIN.name();
    private static final String OPERATOR = Role.OPERATOR.name();

    private RoleRules() {}

    static void api(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        rules.requestMatchers(paths.matcher("/api/v1/tokens/**"), paths.matcher("/api/v1/audit/**"))
                .hasRole(ADMIN)
                .requestMatchers(
                        paths.matcher(HttpMethod.POST, "/api/v1/apps/*/sync"),
                        paths.matcher(HttpMethod.POST, "/api/v1/apps/*/sync/"),
                        // rolling back and unpinning choose which recorded commit runs: as a sync does
                        paths.matcher(HttpMethod.POST, "/api/v1/apps/*/rollback"),
                        paths.matcher(HttpMethod.POST, "/api/v1/apps/*/rollback/"),
                        paths.matcher(HttpMethod.POST, "/api/v1/apps/*/unpin"),
                        paths.matcher(HttpMethod.POST, "/api/v1/apps/*/unpin/"))
                .hasAnyRole(ADMIN, OPERATOR)
                .requestMatchers(paths.matcher(HttpMethod.GET, "/**"), paths.matcher(HttpMethod.HEAD, "/**"))
                .authenticated()
                .anyRequest()
                .hasRole(ADMIN);
    }

    /** The UI's forms to register, edit and delete are admin-only to view as well as to post. */
    static void ui(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        rules.requestMatchers(
                        paths.matcher("/ui/apps/new"),
                        paths.matcher("/ui/apps/*/edit"),
                        paths.matcher("/ui/apps/*/delete"))
                .hasRole(ADMIN)
                .requestMatchers(
                        paths.matcher(HttpMethod.POST, "/ui/apps/*/sync"),
                        paths.matcher(HttpMethod.POST, "/ui/apps/*/rollback"),
                        paths.matcher(HttpMethod.POST, "/ui/apps/*/unpin"))
                .hasAnyRole(ADMIN, OPERATOR)
                .requestMatchers(
                        paths.matcher(HttpMethod.GET, "/**"),
                        paths.matcher(HttpMethod.HEAD, "/**"),
                        paths.matcher(HttpMethod.POST, "/ui/logout"))
                .authenticated()
                .anyRequest()
                .hasRole(ADMIN);
    }
}
