package dev.reddot.security.http;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Open mode's defence against other sites: a page a user visits can make the browser send requests to Reddot on
 * this machine (a form POST needs no CORS permission; a WebSocket is not covered by CORS at all), and in open mode
 * such a request needs nothing more to zero a count or read one. The browser names the page in {@code Origin}, which
 * the page cannot change: a guarded request whose {@code Origin} is present and not in
 * {@code reddot.security.allowed-origins} is refused with 403 before it reaches a controller or a WebSocket upgrade.
 * A request without {@code Origin} (curl, a back-end, a same-origin GET) passes: only browsers send it, and they
 * always do on the requests guarded here. An Origin check, not CSRF tokens: Reddot has no session or cookie to bind
 * a CSRF token to, and a WebSocket handshake cannot carry one.
 */
final class OriginCheck extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(OriginCheck.class);

    private final RequestMatcher guarded;
    private final CorsConfiguration allowed = new CorsConfiguration();

    /**
     * @param guarded        the requests that change state or open a connection
     * @param allowedOrigins origin patterns in Spring's syntax ({@code http://localhost:*})
     */
    OriginCheck(RequestMatcher guarded, List<String> allowedOrigins) {
        this.guarded = guarded;
        allowed.setAllowedOriginPatterns(allowedOrigins);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && guarded.matches(request) && allowed.checkOrigin(origin) == null) {
            String detail = "A page from " + origin + " may not " + request.getMethod() + " "
                    + request.getRequestURI() + ": in open mode only the pages in reddot.security.allowed-origins may "
                    + "change a count or open a WebSocket";
            log.debug("{} {} refused with 403: {}", request.getMethod(), request.getRequestURI(), detail);
            ProblemResponse.write(request, response, HttpStatus.FORBIDDEN, "Foreign origin", detail);
            return;
        }
        chain.doFilter(request, response);
    }
}
