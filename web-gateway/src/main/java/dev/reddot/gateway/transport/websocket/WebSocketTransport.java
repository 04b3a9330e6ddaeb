package dev.reddot.gateway.transport.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.PushConnection;
import dev.reddot.gateway.transport.TransportThreads;
import dev.reddot.gateway.transport.Transports;
import dev.reddot.protocol.CountEvent;

/** Each WebSocket session is one hub connection; the server sends, the client only listens. */
@Component
class WebSocketTransport extends TextWebSocketHandler {

    static final String PATH = "/push/ws/";
    private static final String CONNECTION = "reddot.connection";

    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    private final Hub hub;
    private final TransportThreads threads;

    WebSocketTransport(Hub hub, TransportThreads threads) {
        this.hub = hub;
        this.threads = threads;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        String userId = (String) session.getAttributes().get(UserIdHandshake.USER_ID);
        SessionConnection connection = new SessionConnection(session);
        session.getAttributes().put(CONNECTION, connection);
        connection.open(hub, userId);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(CONNECTION) instanceof SessionConnection connection) {
            connection.release();
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        // nothing to say to the server: counts only flow to the client
    }

    private final class SessionConnection extends PushConnection {

        private final WebSocketSession session;

        SessionConnection(WebSocketSession session) {
            super(Transports.WEBSOCKET, threads, -1);
            this.session = session;
        }

        @Override
        public void writeCount(CountEvent event) throws IOException {
            session.sendMessage(new TextMessage(event.toJson()));
        }

        @Override
        public void writeHeartbeat() throws IOException {
            session.sendMessage(new PingMessage(ByteBuffer.allocate(0)));
        }

        @Override
        public void close() {
            closeSession(CloseStatus.GOING_AWAY.withReason("gateway stopping"));
        }

        @Override
        protected void writeFailed(Exception e) {
            log.debug("WebSocket {} closed: {}", session.getId(), e.toString());
            closeSession(CloseStatus.SESSION_NOT_RELIABLE);
        }

        private void closeSession(CloseStatus status) {
            release();
            try {
                session.close(status);
            } catch (IOException alreadyGone) {
                log.debug("WebSocket {} was already closed: {}", session.getId(), alreadyGone.toString());
            }
        }
    }
}
