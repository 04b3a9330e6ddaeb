package dev.reddot.security.http;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * A path about one user, {@code …/{userId}/…}: a {@code user} token whose {@code sub} is that userId, or an
 * {@code admin} token. The gateway's {@code /push/{transport}/{userId}} and the publisher's inbox paths use it; a
 * {@code device} token reads nobody's.
 */
public final class OwnUserAccess implements AuthorizationManager<RequestAuthorizationContext> {

    /** The path variable that names the user. */
    public static final String USER_ID = "userId";
    public static final String ADMIN = "SCOPE_admin";
    private static final String USER = "SCOPE_user";

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        if (!(authentication.get() instanceof JwtAuthenticationToken token)) {
            return new AuthorizationDecision(false);
        }
        boolean owner = has(token, USER) && token.getName().equals(context.getVariables().get(USER_ID));
        return new AuthorizationDecision(owner || has(token, ADMIN));
    }

    private static boolean has(Authentication token, String authority) {
        return token.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }
}
