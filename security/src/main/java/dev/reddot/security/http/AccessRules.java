package dev.reddot.security.http;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * What one service's chain decides for itself; {@link ServiceSecurity} adds what every chain shares.
 *
 * @param paths        the path pattern the chain matches ({@code /api/**}), beside the other services' chains
 * @param whatIsServed for the open-mode warning: "the publisher's API endpoints"
 * @param howToSendIt  how a client sends its token, for the detail of a 401
 * @param rule         who may do what here, for the detail of a 403
 * @param tokenInQuery whether {@code ?access_token=} is accepted on a GET (EventSource, WebSocket and iframe cannot
 *                     set a header)
 * @param tokenRules   token mode's rules: who may do what, in Spring Security's terms
 */
public record AccessRules(String paths, String whatIsServed, String howToSendIt, String rule, boolean tokenInQuery,
                          Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> tokenRules) {
}
