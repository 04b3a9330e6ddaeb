package dev.reddot.gateway.metrics;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.reddot.gateway.transport.Transports;

/**
 * Leaves the requests that hold a push connection ({@code /push/sse/…}, {@code /push/long-poll/…}, …) out of every
 * observation: the HTTP server's and the security filter chain's. Each observation lives as long as its request,
 * and 10,000 streams held ~30,000 of them with their long-task-timer samples (several KiB a stream) for a
 * {@code http.server.requests} duration that only says how long a browser stayed. Open connections are counted by
 * {@code reddot_gateway_connections} and {@code /push/stats} instead.
 */
@Component
class PushRequestObservations implements ObservationPredicate {

    private static final List<String> PATHS = Transports.ALL.stream().map(name -> "/push/" + name + "/").toList();

    @Override
    public boolean test(String name, Observation.Context context) {
        HttpServletRequest request = context instanceof ServerRequestObservationContext server
                ? server.getCarrier()
                : currentRequest();
        return request == null || !isPushConnection(request);
    }

    static boolean isPushConnection(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return PATHS.stream().anyMatch(path::startsWith);
    }

    /** The request this thread serves, once Spring's request context filter has run (before Spring Security's). */
    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest()
                : null;
    }
}
