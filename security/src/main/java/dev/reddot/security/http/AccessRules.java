package dev.reddot.security.http;

import java.util.Set;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.util.matcher.RequestMatcher;

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
 * @param crossSite    open mode's requests that change state or open a connection, which a page of another origin
 *                     may not send ({@link OriginCheck}); token mode needs no such check, as a token is never sent
 *                     by the browser on its own (no cookie)
 */
public record AccessRules(String paths, String whatIsServed, String howToSendIt, String rule, boolean tokenInQuery,
                          Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> tokenRules,
                          RequestMatcher crossSite) {

    /** Open mode's requests that change state: all but GET, HEAD and OPTIONS. */
    public static final RequestMatcher STATE_CHANGING = request ->
            !Set.of("GET", "HEAD", "OPTIONS").contains(request.getMethod());

    /** Nothing is guarded against other origins. */
    public static final RequestMatcher NONE = request -> false;
}
