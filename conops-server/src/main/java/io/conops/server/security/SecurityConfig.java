package io.conops.server.security;

import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Deny by default: every request needs a valid bearer token except the allow-list below (the
 * webhooks authenticate each delivery by its signature themselves), and a role that may
 * ({@link RoleRules}). The web UI ({@code /} and
 * {@code /ui/**}) has a chain of its own, with sessions: {@link UiSecurityConfig}. Paths are
 * matched the way MVC routes them, after the strict firewall has refused every path whose raw and
 * routed forms could differ (";", "..", "//", "\", encoded "/", "." or "%").
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, AuthenticationManager manager, AuditingHandlers audited)
            throws Exception {
        AuthenticationEntryPoint entryPoint = new ProblemEntryPoint();
        AuthenticationFilter bearer = new AuthenticationFilter(manager, new BearerTokenConverter());
        bearer.setSuccessHandler((request, response, authentication) -> {}); // carry on down the chain
        bearer.setFailureHandler(audited.refused(new AuthenticationEntryPointFailureHandler(entryPoint)));
        return http.authorizeHttpRequests(rules -> RoleRules.api(rules.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(readOnly("/actuator/health", "/actuator/health/**"))
                        .permitAll()
                        // each delivery is authenticated by its provider's signature instead
                        .requestMatchers(webhooks("github", "gitlab", "gitea", "generic"))
                        .permitAll()))
                .addFilterAt(bearer, BasicAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(audited.apiDenied()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // a bearer token is not sent by the browser on its own, so there is no CSRF to guard
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    private static RequestMatcher[] readOnly(String... patterns) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return Stream.of(patterns)
                .flatMap(p -> Stream.of(paths.matcher(HttpMethod.GET, p), paths.matcher(HttpMethod.HEAD, p)))
                .toArray(RequestMatcher[]::new);
    }

    /** POST to {@code /api/v1/webhooks/<provider>}, with or without a trailing slash, and nothing else. */
    private static RequestMatcher[] webhooks(String... providers) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return Stream.of(providers)
                .flatMap(p -> Stream.of("/api/v1/webhooks/" + p, "/api/v1/webhooks/" + p + "/"))
                .map(path -> paths.matcher(HttpMethod.POST, path))
                .toArray(RequestMatcher[]::new);
    }

    /** Also keeps Spring Boot from creating (and logging) a generated user password. */
    @Bean
    AuthenticationManager authenticationManager(List<AuthenticationProvider> providers) {
        return new ProviderManager(providers);
    }

    @Bean
    HttpFirewall httpFirewall() {
        return new StrictHttpFirewall();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new RejectedRequestHandler();
    }
}
