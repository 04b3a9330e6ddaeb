package dev.reddot.gateway.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriUtils;

import dev.reddot.protocol.Ids;
import dev.reddot.protocol.InvalidIdException;

/** Reads the user id from the path before upgrading; a bad id is refused with problem details, not upgraded. */
final class UserIdHandshake implements HandshakeInterceptor {

    static final String USER_ID = "reddot.userId";

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws Exception {
        String rawPath = request.getURI().getRawPath();
        String userId = UriUtils.decode(rawPath.substring(rawPath.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        if (!rawPath.startsWith(WebSocketTransport.PATH) || rawPath.indexOf('/', WebSocketTransport.PATH.length()) >= 0
                || !Ids.isValid(userId)) {
            response.setStatusCode(HttpStatus.BAD_REQUEST);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            response.getBody().write(("{\"type\":\"about:blank\",\"title\":\"Invalid id\",\"status\":400,\"detail\":\""
                    + new InvalidIdException(userId).getMessage().replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\",\"instance\":\"" + rawPath.replace("\"", "%22") + "\"}").getBytes(StandardCharsets.UTF_8));
            return false;
        }
        attributes.put(USER_ID, userId);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
