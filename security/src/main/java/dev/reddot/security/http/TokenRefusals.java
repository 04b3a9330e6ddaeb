package dev.reddot.security.http;

import java.io.IOException;
import java.util.stream.Collectors;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The one place token mode refuses an HTTP request: 401 for a missing, malformed, forged or expired token, 403 for a
 * valid token that does not allow the request, both as problem details with the {@code WWW-Authenticate: Bearer}
 * header of RFC 6750. A browser that is refused is not an error of the server: DEBUG.
 */
final class TokenRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(TokenRefusals.class);

    private final AuthenticationEntryPoint bearerChallenge = new BearerTokenAuthenticationEntryPoint();
    private final AccessDeniedHandler insufficientScope = new BearerTokenAccessDeniedHandler();
    private final String howToSendIt;
    private final String rule;

    /**
     * @param howToSendIt how a client sends its token, for the detail of a 401
     * @param rule        who may do what here, for the detail of a 403
     */
    TokenRefusals(String howToSendIt, String rule) {
        this.howToSendIt = howToSendIt;
        this.rule = rule;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException, ServletException {
        // sets the status (401, or 400 for two tokens in one request) and WWW-Authenticate: Bearer ...
        bearerChallenge.commence(request, response, refused);
        HttpStatus status = HttpStatus.valueOf(response.getStatus());
        String detail = refused instanceof InsufficientAuthenticationException
                ? "This request needs a token: " + howToSendIt
                : "The token was refused: " + refused.getMessage();
        log.debug("{} {} refused with {}: {}", request.getMethod(), request.getRequestURI(), status.value(), detail);
        ProblemResponse.write(request, response, status,
                status == HttpStatus.UNAUTHORIZED ? "Missing or invalid token" : "Invalid token request", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        insufficientScope.handle(request, response, denied);
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String detail = "The token of " + describe(who) + " does not allow " + request.getMethod() + " "
                + request.getRequestURI() + ": " + rule;
        log.debug("{} {} refused with 403: {}", request.getMethod(), request.getRequestURI(), detail);
        ProblemResponse.write(request, response, HttpStatus.FORBIDDEN, "Not allowed", detail);
    }

    private static String describe(Authentication who) {
        if (who == null) {
            return "nobody";
        }
        String scopes = who.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("SCOPE_"))
                .map(authority -> authority.substring("SCOPE_".length()))
                .collect(Collectors.joining(" "));
        return who.getName() + " (scope " + (scopes.isEmpty() ? "none" : scopes) + ")";
    }
}
