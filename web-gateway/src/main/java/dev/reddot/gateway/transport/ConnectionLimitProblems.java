package dev.reddot.gateway.transport;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.reddot.gateway.GatewayProperties;
import dev.reddot.gateway.hub.ConnectionLimitException;

/**
 * A connection past the gateway's limits is answered 503 with {@code Retry-After}, as problem details: from a
 * transport's controller (SSE, long poll, iframe) or, before upgrading, from the WebSocket handshake.
 */
@RestControllerAdvice
public class ConnectionLimitProblems {

    // Spring MVC's own converter for problem details, so the handshake's JSON is the same as a controller's
    private static final JacksonJsonHttpMessageConverter JSON = new JacksonJsonHttpMessageConverter();

    private final String retryAfterSeconds;

    ConnectionLimitProblems(GatewayProperties properties) {
        this.retryAfterSeconds = Long.toString(Math.max(1, properties.connectionRetryAfter().toSeconds()));
    }

    @ExceptionHandler(ConnectionLimitException.class)
    ResponseEntity<ProblemDetail> refused(ConnectionLimitException e, HttpServletRequest request) {
        // the content type is set, not negotiated: an EventSource accepts only text/event-stream, yet must learn why
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(e, request.getRequestURI()));
    }

    /** Answers a WebSocket handshake that must not be upgraded. */
    public void write(ConnectionLimitException e, ServerHttpRequest request, ServerHttpResponse response) throws IOException {
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        JSON.write(problem(e, request.getURI().getRawPath()), MediaType.APPLICATION_PROBLEM_JSON, response);
    }

    private static ProblemDetail problem(ConnectionLimitException e, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Too many connections");
        problem.setInstance(URI.create(path));
        return problem;
    }
}
