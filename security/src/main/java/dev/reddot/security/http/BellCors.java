package dev.reddot.security.http;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * CORS for {@code <reddot-bell>} on a page of another origin: only the routes the element calls, only for the pages
 * of {@code reddot.security.allowed-origins}, in both security modes. No credentials: the element sends its token in
 * {@code Authorization} or {@code ?access_token=}, never a cookie. A request of any other origin or route gets no
 * configuration and so no CORS header at all, and goes on to the chain's rules as before (in open mode,
 * {@link OriginCheck}'s 403 for a foreign page that changes state).
 */
final class BellCors implements CorsConfigurationSource {

    /** How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours). */
    static final Duration PREFLIGHT_MAX_AGE = Duration.ofHours(1);

    private static final String INBOX = "/api/users/{userId}/notifications";

    private record Route(PathPattern path, HttpMethod method) {

        static Route of(HttpMethod method, String path) {
            return new Route(PathPatternParser.defaultInstance.parse(path), method);
        }
    }

    private static final List<Route> ROUTES = List.of(
            Route.of(HttpMethod.GET, "/push/config"),
            Route.of(HttpMethod.GET, "/push/sse/{userId}"),
            Route.of(HttpMethod.GET, "/push/long-poll/{userId}"),
            Route.of(HttpMethod.GET, "/push/poll/{userId}"),
            Route.of(HttpMethod.GET, INBOX),
            Route.of(HttpMethod.POST, INBOX + "/{id}/read"),
            Route.of(HttpMethod.POST, INBOX + "/read-all"));

    private final CorsConfiguration reads;
    private final CorsConfiguration writes;

    /** @param allowedOrigins origin patterns in Spring's syntax ({@code http://localhost:*}) */
    BellCors(List<String> allowedOrigins) {
        reads = grant(allowedOrigins, HttpMethod.GET);
        writes = grant(allowedOrigins, HttpMethod.POST);
    }

    @Override
    public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || reads.checkOrigin(origin) == null) {
            return null;
        }
        String method = CorsUtils.isPreFlightRequest(request)
                ? request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) : request.getMethod();
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        return ROUTES.stream()
                .filter(route -> route.method().matches(method) && route.path().matches(path))
                .findFirst()
                .map(route -> route.method() == HttpMethod.GET ? reads : writes)
                .orElse(null);
    }

    private static CorsConfiguration grant(List<String> allowedOrigins, HttpMethod method) {
        CorsConfiguration grant = new CorsConfiguration();
        grant.setAllowedOriginPatterns(allowedOrigins);
        grant.setAllowedMethods(List.of(method.name()));
        grant.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
        grant.setMaxAge(PREFLIGHT_MAX_AGE);
        return grant;
    }
}
