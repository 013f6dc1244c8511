package io.conops.server.security;

import io.conops.server.token.Tokens;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The web UI's own chain: a browser session opened by entering a token on the login page, CSRF
 * tokens on every form (a cookie is sent by the browser on its own, unlike a bearer token), and
 * headers that keep the pages out of frames and scripts out of the pages. The API's chain is
 * untouched: a bearer token, no session, no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfig {
    static final String LOGIN = "/ui/login";
    /** Scripts and styles only from ConOps itself, no inline script, nothing framed, forms post home. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain uiChain(
            HttpSecurity http, AuthenticationManager manager, AuditingHandlers audited, Tokens tokens)
            throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();

        AuthenticationFilter login = new AuthenticationFilter(manager, new LoginFormConverter());
        login.setRequestMatcher(paths.matcher(HttpMethod.POST, LOGIN));
        login.setSecurityContextRepository(contexts);
        login.setSuccessHandler(audited.loggedIn((request, response, authentication) -> {
            // a new session id and a new CSRF token: nothing an anonymous visitor saw stays valid
            request.changeSessionId();
            csrfTokens.saveToken(null, request, response);
            response.sendRedirect("/ui/apps");
        }));
        login.setFailureHandler(audited.refused(new SimpleUrlAuthenticationFailureHandler(LOGIN + "?error")));

        return http.securityMatcher(new OrRequestMatcher(paths.matcher("/"), paths.matcher("/ui/**")))
                .authorizeHttpRequests(rules -> RoleRules.ui(rules.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(
                                paths.matcher(HttpMethod.GET, LOGIN), paths.matcher(HttpMethod.GET, "/ui/assets/**"))
                        .permitAll()))
                .addFilterAt(login, UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new RevokedSessions(tokens), SecurityContextHolderFilter.class)
                .securityContext(c -> c.securityContextRepository(contexts))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .csrf(c -> c.csrfTokenRepository(csrfTokens))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN))
                        .accessDeniedHandler(audited.uiDenied()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
                .logout(l -> l.logoutRequestMatcher(paths.matcher(HttpMethod.POST, "/ui/logout"))
                        .logoutSuccessUrl(LOGIN + "?logout")
                        .deleteCookies("CONOPS_SESSION"))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .build();
    }
}
