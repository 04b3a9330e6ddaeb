package dev.reddot.gateway.transport;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.reddot.gateway.GatewayProperties;
import dev.reddot.gateway.hub.ConnectionLimitException;

/**
 * A connection past the gateway's limits is answered 503 with {@code Retry-After}, as problem details: from a
 * transport's controller, before anything is sent or upgraded.
 */
@RestControllerAdvice
public class ConnectionLimitProblems {

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

    private static ProblemDetail problem(ConnectionLimitException e, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Too many connections");
        problem.setInstance(URI.create(path));
        return problem;
    }
}
