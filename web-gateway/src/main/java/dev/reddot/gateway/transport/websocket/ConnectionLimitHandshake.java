package dev.reddot.gateway.transport.websocket;

import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import dev.reddot.gateway.hub.ConnectionLimitException;
import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.ConnectionLimitProblems;

/**
 * Refuses the upgrade with 503 and {@code Retry-After} when the hub would not take one more connection of the
 * user: a browser's WebSocket then fails to open and the client falls back or retries, rather than being upgraded
 * only to be closed. Runs after {@link UserIdHandshake}, which leaves the user id in the attributes.
 */
final class ConnectionLimitHandshake implements HandshakeInterceptor {

    private final Hub hub;
    private final ConnectionLimitProblems problems;

    ConnectionLimitHandshake(Hub hub, ConnectionLimitProblems problems) {
        this.hub = hub;
        this.problems = problems;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws Exception {
        try {
            hub.requireRoomFor((String) attributes.get(UserIdHandshake.USER_ID));
            return true;
        } catch (ConnectionLimitException full) {
            problems.write(full, request, response);
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
