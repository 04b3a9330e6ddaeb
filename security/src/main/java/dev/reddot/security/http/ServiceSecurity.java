package dev.reddot.security.http;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import dev.reddot.security.SecurityProperties;

/**
 * Builds the security filter chain of one service from its {@link AccessRules}. Every chain is stateless (tokens,
 * not cookies: nothing to forge across sites, and no session to keep). Open mode: everyone, with a warning when the
 * server is reachable off loopback, except pages of other origins where the rules say so ({@link OriginCheck}). Token mode: the service's rules, Bearer tokens checked as the broker checks them,
 * every refusal a 401 or 403 problem. In both modes, CORS only for {@code <reddot-bell>}'s routes ({@link BellCors}).
 */
public final class ServiceSecurity {

    private final SecurityProperties security;
    private final ObjectProvider<ServerProperties> server;
    private final BellCors bellCors;

    ServiceSecurity(SecurityProperties security, ObjectProvider<ServerProperties> server) {
        this.security = security;
        this.server = server;
        this.bellCors = new BellCors(security.allowedOrigins());
    }

    public SecurityFilterChain chain(HttpSecurity http, AccessRules rules) {
        http.securityMatcher(rules.paths());
        return secure(http, rules);
    }

    /** The chain for requests the caller has already matched. */
    SecurityFilterChain secure(HttpSecurity http, AccessRules rules) {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                // before authentication, so that a preflight (which carries no token) is answered in token mode too
                .cors(cors -> cors.configurationSource(bellCors));
        if (!security.tokenMode()) {
            OpenModeWarning.warnIfReachable(server.getIfAvailable(ServerProperties::new).getAddress(),
                    rules.whatIsServed());
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .addFilterBefore(new OriginCheck(rules.crossSite(), security.allowedOrigins()),
                            AuthorizationFilter.class);
            return http.build();
        }
        TokenRefusals refusals = new TokenRefusals(rules.howToSendIt(), rules.rule());
        DefaultBearerTokenResolver tokens = new DefaultBearerTokenResolver();
        tokens.setAllowUriQueryParameter(rules.tokenInQuery());
        http.authorizeHttpRequests(requests -> {
                    // the continuation of a request already authorized (SSE, long poll), or its error page
                    requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
                    rules.tokenRules().customize(requests);
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(tokens)
                        .jwt(jwt -> jwt.decoder(AccessTokenDecoder.of(security)))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals));
        return http.build();
    }
}
