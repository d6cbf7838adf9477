package customs.risk.app.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import customs.risk.cases.team.UserAccounts;
import customs.risk.graph.access.Role;
import customs.risk.ui.account.LoginView;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Four filter chains, tried in order: the REST API ({@code /api/**}) and the actuator
 * ({@code /actuator/**}), both stateless with HTTP Basic; the API's description; then the browser, where Vaadin's views sit
 * behind a login form with a session cookie and CSRF protection. All of them authenticate through one
 * throttled {@link AuthenticationManager}. Only for the web application: commands have no HTTP.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    @Bean
    LoginThrottle loginThrottle(SecuritySettings settings) {
        return new LoginThrottle(settings.login(), Clock.systemUTC());
    }

    @Bean
    AuthenticationManager authenticationManager(
            UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle) {
        var passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle));
    }

    /** Runs before Spring Security, so that even its own refusals carry the headers. */
    @Bean
    FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        var registration = new FilterRegistrationBean<>(new SecurityHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FirstUsers firstUsers(UserAccounts accounts, SecuritySettings settings, Environment environment) {
        return new FirstUsers(accounts, settings, environment.matchesProfiles(FirstUsers.DEMO_PROFILE));
    }

    /**
     * The REST API: every request carries its credentials (HTTP Basic), no session is created or
     * read. CSRF protection is off here because CSRF abuses credentials a browser attaches by itself,
     * a session cookie above all; this chain honours no cookie, and the web UI never sends a browser
     * to the API, so there is nothing for a forged request to ride on.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, AuthenticationManager manager) throws Exception {
        var answers = new ApiAuthenticationEntryPoint();
        http.securityMatcher("/api/**")
                .authenticationManager(manager)
                .authorizeHttpRequests(ApiAccess::apply)
                .httpBasic(basic ->
                        basic.realmName(ApiAuthenticationEntryPoint.REALM).authenticationEntryPoint(answers))
                .exceptionHandling(e -> e.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** Health is public (load balancers and probes ask it); every other actuator endpoint is for admins. */
    @Bean
    @Order(2)
    SecurityFilterChain actuatorChain(HttpSecurity http, AuthenticationManager manager) throws Exception {
        var answers = new ApiAuthenticationEntryPoint();
        http.securityMatcher("/actuator/**")
                .authenticationManager(manager)
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasRole(Role.ADMIN.name()))
                .httpBasic(basic ->
                        basic.realmName(ApiAuthenticationEntryPoint.REALM).authenticationEntryPoint(answers))
                .exceptionHandling(e -> e.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // Stateless and read-only (health, info): same reasoning as the API chain.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * The API's own description (OpenAPI at {@code /v3/api-docs}) and its interactive page, for
     * staff: with HTTP Basic like the API, or with the session of a signed-in browser. Read-only,
     * so no CSRF token is needed.
     */
    @Bean
    @Order(3)
    SecurityFilterChain apiDocsChain(HttpSecurity http, AuthenticationManager manager) throws Exception {
        var answers = new ApiAuthenticationEntryPoint();
        http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .authenticationManager(manager)
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.GET, "/**")
                        .hasAnyRole(Role.names(Role.STAFF))
                        .anyRequest()
                        .denyAll())
                .httpBasic(basic ->
                        basic.realmName(ApiAuthenticationEntryPoint.REALM).authenticationEntryPoint(answers))
                .exceptionHandling(e -> e.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * The browser: Vaadin's configurer permits its own resources and views marked
     * {@code @AnonymousAllowed}, sends everyone else to the login view, and keeps CSRF on (Vaadin
     * checks its own token on UI requests; the login form post is the exception it makes). Access to
     * each view is then decided by its {@code @PermitAll} / {@code @RolesAllowed}.
     */
    @Bean
    @Order(4)
    SecurityFilterChain browserChain(HttpSecurity http, AuthenticationManager manager) throws Exception {
        http.authenticationManager(manager)
                // WebJars hold public JavaScript libraries, /styles and /icons the application's
                // stylesheet and icon (the login page needs them too); /error renders the error of any request
                // (also an API one), so it must not itself demand a login. The manifest, service worker
                // and offline page make the application installable; they hold no data.
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/webjars/**",
                                "/styles/**",
                                "/icons/**",
                                "/error",
                                "/manifest.json",
                                "/sw.js",
                                "/offline.html")
                        .permitAll()
                        // File downloads the pages link to; the controller checks the roles.
                        .requestMatchers("/download/**")
                        .authenticated())
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }
}
