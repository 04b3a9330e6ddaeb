package dev.reddot.gateway.transport.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The server's WebSocket frames (RFC 6455, section 5): unmasked, unfragmented, no extensions. The gateway only ever
 * sends a count as a text frame, pings, pongs and a close.
 */
final class Frames {

    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** RFC 6455 close codes the gateway sends. */
    static final int NORMAL_CLOSURE = 1000;
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    static final int POLICY_VIOLATION = 1008;
    static final int MESSAGE_TOO_BIG = 1009;

    static final byte[] EMPTY_PING = frame(PING, new byte[0]);

    private Frames() {
    }

    static byte[] text(byte[] utf8) {
        return frame(TEXT, utf8);
    }

    static byte[] pong(byte[] payload) {
        return frame(PONG, payload);
    }

    /** A close frame with its code and a reason of at most 123 bytes (a control frame carries 125). */
    static byte[] close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(2 + Math.min(text.length, 123));
        payload.putShort((short) code).put(text, 0, payload.remaining());
        return frame(CLOSE, payload.array());
    }

    private static byte[] frame(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        return frame.put(payload).array();
    }
}
