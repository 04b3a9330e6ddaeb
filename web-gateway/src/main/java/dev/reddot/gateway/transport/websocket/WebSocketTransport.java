package dev.reddot.gateway.transport.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.websocket.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.reddot.gateway.GatewayProperties;
import dev.reddot.gateway.hub.ConnectionLimitException;
import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.CountFrames;
import dev.reddot.gateway.transport.EncodedCount;
import dev.reddot.gateway.transport.PushConnection;
import dev.reddot.gateway.transport.TokenExpiry;
import dev.reddot.gateway.transport.TransportThreads;
import dev.reddot.gateway.transport.Transports;
import dev.reddot.protocol.CountEvent;

/** Each WebSocket session is one hub connection; the server sends, the client only listens. */
@Component
class WebSocketTransport extends TextWebSocketHandler {

    static final String PATH = "/push/ws/";
    private static final String CONNECTION = "reddot.connection";
    /** RFC 6455 close code 1013, Try Again Later: the gateway is at its connection limit. */
    private static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "connection limit");
    /**
     * RFC 6455 close code 1008, Policy Violation, with the reason {@code token expired}: the connection outlived its
     * token. A registered code rather than a private 4401, so that proxies and libraries treat it as a server's
     * refusal; the reason tells the client to come back at once with a fresh token.
     */
    static final CloseStatus TOKEN_EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("token expired");

    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    /** Tomcat's per-session bound on a blocking send (milliseconds, a Long); its default is 20 s. */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final Hub hub;
    private final TransportThreads threads;
    private final long sendTimeoutMillis;
    private final CountFrames frames = new CountFrames(CountEvent::toJson);

    WebSocketTransport(Hub hub, TransportThreads threads, GatewayProperties properties) {
        this.hub = hub;
        this.threads = threads;
        this.sendTimeoutMillis = properties.slowConsumerTimeout().toMillis();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        String userId = (String) session.getAttributes().get(UserIdHandshake.USER_ID);
        // a client that stops reading blocks a send once the socket's buffers are full: the send fails after the
        // slow-consumer timeout and the session is closed, so it holds a writer thread no longer than that
        if (session instanceof NativeWebSocketSession adapter && adapter.getNativeSession(Session.class) != null) {
            adapter.getNativeSession(Session.class).getUserProperties().put(TOMCAT_SEND_TIMEOUT, sendTimeoutMillis);
        }
        SessionConnection connection = new SessionConnection(session);
        session.getAttributes().put(CONNECTION, connection);
        try {
            connection.open(hub, userId, TokenExpiry.of(session.getPrincipal()));
        } catch (ConnectionLimitException full) {
            // another connection took the last place between the handshake's check and now
            log.debug("WebSocket {} of {} refused: {}", session.getId(), userId, full.getMessage());
            connection.closeSession(TRY_AGAIN_LATER);
        }
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
            super(Transports.WEBSOCKET, threads, frames, -1);
            this.session = session;
        }

        @Override
        public void writeCount(EncodedCount count) throws IOException {
            session.sendMessage(new TextMessage(count.frame()));
        }

        @Override
        public void writeHeartbeat() throws IOException {
            session.sendMessage(new PingMessage(ByteBuffer.allocate(0)));
        }

        @Override
        public void writeExpiry() {
            log.debug("WebSocket {} ends: token expired", session.getId());
            closeSession(TOKEN_EXPIRED);
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
