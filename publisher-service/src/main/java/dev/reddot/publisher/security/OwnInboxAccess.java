package dev.reddot.publisher.security;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * A user's own inbox ({@code GET /api/users/{userId}/notifications}, {@code POST …/{id}/read},
 * {@code POST …/read-all}): a {@code user} token whose {@code sub} is that userId, or an {@code admin} token, so that
 * a page (the {@code <reddot-bell>} panel) can list and mark its user's notifications with the user's own token.
 */
final class OwnInboxAccess implements AuthorizationManager<RequestAuthorizationContext> {

    static final String USER_ID = "userId";
    static final String USER = "SCOPE_user";

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        if (!(authentication.get() instanceof JwtAuthenticationToken token)) {
            return new AuthorizationDecision(false);
        }
        boolean owner = has(token, USER) && token.getName().equals(context.getVariables().get(USER_ID));
        return new AuthorizationDecision(owner || has(token, PublisherSecurityConfiguration.ADMIN));
    }

    private static boolean has(Authentication token, String authority) {
        return token.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }
}
