package dev.reddot.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class PushRequestObservationsTest {

    private final PushRequestObservations predicate = new PushRequestObservations();

    @AfterEach
    void clearRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/push/sse/alice", "/push/long-poll/alice", "/push/iframe/alice", "/push/ws/alice"})
    void leavesPushConnectionsUnobserved(String path) {
        assertThat(predicate.test("http.server.requests", serverContext(path))).isFalse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest("GET", path)));
        assertThat(predicate.test("spring.security.filterchains", new Observation.Context())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/push/poll/alice", "/push/stats", "/actuator/health", "/api/users/alice/unread-count"})
    void observesEverythingElse(String path) {
        assertThat(predicate.test("http.server.requests", serverContext(path))).isTrue();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest("GET", path)));
        assertThat(predicate.test("spring.security.filterchains", new Observation.Context())).isTrue();
    }

    @Test
    void observesWorkOutsideRequests() {
        assertThat(predicate.test("tasks.scheduled.execution", new Observation.Context())).isTrue();
    }

    private static ServerRequestObservationContext serverContext(String path) {
        return new ServerRequestObservationContext(new MockHttpServletRequest("GET", path), new MockHttpServletResponse());
    }
}
