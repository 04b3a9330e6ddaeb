package dev.reddot.gateway.transport.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Base64;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.reddot.gateway.hub.Hub;
import dev.reddot.gateway.transport.CountFrames;
import dev.reddot.gateway.transport.EncodedCount;
import dev.reddot.gateway.transport.PushConnection;
import dev.reddot.gateway.transport.TokenExpiry;
import dev.reddot.gateway.transport.TransportThreads;
import dev.reddot.gateway.transport.Transports;
import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.Ids;

/**
 * The raw WebSocket: the handshake is an ordinary request (the security chain, id checks and connection limits
 * apply before anything is upgraded), then Tomcat hands the socket over and the gateway speaks the few frames it
 * needs (RFC 6455): a count as a text frame, a ping as heartbeat, and a close. The server sends, the client only
 * listens. A socket costs a few KiB this way, where a container's WebSocket session holds tens of KiB of message
 * buffers for messages that never come.
 */
@RestController
class WebSocketTransport {

    /** RFC 6455, section 1.3: the value every accept key is derived with. */
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    private final Hub hub;
    private final TransportThreads threads;
    private final CountFrames frames = new CountFrames(CountEvent::toJson, Frames::text);

    WebSocketTransport(Hub hub, TransportThreads threads) {
        this.hub = hub;
        this.threads = threads;
    }

    @GetMapping("/push/ws/{userId}")
    void upgrade(@PathVariable String userId, Principal principal, HttpServletRequest request,
                 HttpServletResponse response) throws IOException, ServletException {
        Ids.requireValid(userId);
        String key = request.getHeader("Sec-WebSocket-Key");
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE)) || !hasUpgradeToken(request)
                || key == null || !isNonce(key)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "A WebSocket handshake (RFC 6455): Upgrade: websocket, Connection: Upgrade and a Sec-WebSocket-Key");
        }
        if (!"13".equals(request.getHeader("Sec-WebSocket-Version"))) {
            response.setHeader("Sec-WebSocket-Version", "13");
            throw new ResponseStatusException(HttpStatus.UPGRADE_REQUIRED, "WebSocket version 13 only");
        }
        new SocketConnection().handOver(hub, userId, TokenExpiry.of(principal), request, () -> {
            response.setHeader(HttpHeaders.UPGRADE, "websocket");
            response.setHeader(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE);
            response.setHeader("Sec-WebSocket-Accept", accept(key));
        });
    }

    private static boolean hasUpgradeToken(HttpServletRequest request) {
        for (String token : String.valueOf(request.getHeader(HttpHeaders.CONNECTION)).split(",")) {
            if (token.trim().equalsIgnoreCase(HttpHeaders.UPGRADE)) {
                return true;
            }
        }
        return false;
    }

    /** A base64-encoded 16-byte value, as RFC 6455 asks of the key. */
    private static boolean isNonce(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-1", e);
        }
    }

    private final class SocketConnection extends PushConnection implements ClientFrames.Handler {

        private final ClientFrames incoming = new ClientFrames();

        SocketConnection() {
            super(Transports.WEBSOCKET, threads, frames, -1);
        }

        @Override
        public void received(ByteBuffer bytes) {
            incoming.read(bytes, this);
        }

        /** A pong on Tomcat's thread, left out while the writer is busy: the client's next ping gets one. */
        @Override
        public void control(int opcode, byte[] payload) {
            if (opcode == Frames.CLOSE) {
                log.debug("WebSocket of {} closed by the client", userId());
                end(Frames.close(Frames.NORMAL_CLOSURE, ""));
            } else if (opcode == Frames.PING) {
                writeUnlessBusy(Frames.pong(payload));
            }
        }

        @Override
        public void refuse(int code, String reason) {
            log.debug("WebSocket of {} ends: {}", userId(), reason);
            end(Frames.close(code, reason));
        }

        @Override
        public void writeCount(EncodedCount count) throws IOException {
            write(count.frame());
        }

        @Override
        public void writeHeartbeat() throws IOException {
            write(Frames.EMPTY_PING);
        }

        /**
         * Policy Violation (1008) with the reason {@code token expired}: a registered code rather than a private 4401,
         * so that proxies and libraries treat it as a server's refusal; the reason tells the client to come back at
         * once with a fresh token.
         */
        @Override
        public void writeExpiry() {
            log.debug("WebSocket of {} ends: token expired", userId());
            end(Frames.close(Frames.POLICY_VIOLATION, "token expired"));
        }

        @Override
        public void close() {
            end(Frames.close(Frames.GOING_AWAY, "gateway stopping"));
        }
    }
}
