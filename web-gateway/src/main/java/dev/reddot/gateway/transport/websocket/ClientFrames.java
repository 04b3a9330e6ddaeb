package dev.reddot.gateway.transport.websocket;

import java.nio.ByteBuffer;

/**
 * Reads a client's WebSocket frames (RFC 6455, section 5) as their bytes arrive, in whatever pieces. A client has
 * nothing to tell the gateway: its close, ping and pong frames are handed on, its messages are read and dropped.
 * Between frames it holds nothing; a frame that arrives in pieces is held until it is whole, at most
 * {@link #MAX_PAYLOAD} bytes of payload.
 */
final class ClientFrames {

    /** What the frames say. */
    interface Handler {

        /** A close, ping or pong frame, unmasked. */
        void control(int opcode, byte[] payload);

        /** The client broke the protocol or sent too much: the connection ends with this close code. */
        void refuse(int code, String reason);
    }

    static final int MAX_PAYLOAD = 1024;
    private static final int BINARY = 0x2;
    private static final int MASK_BYTES = 4;

    /** The start of a frame that has not fully arrived, or null. */
    private byte[] partial;

    void read(ByteBuffer bytes, Handler handler) {
        ByteBuffer input = partial == null ? bytes : ByteBuffer.allocate(partial.length + bytes.remaining())
                .put(partial).put(bytes).flip();
        partial = null;
        while (input.hasRemaining()) {
            int start = input.position();
            int available = input.remaining();
            if (available < 2) {
                keep(input);
                return;
            }
            int first = input.get(start) & 0xFF;
            int second = input.get(start + 1) & 0xFF;
            int opcode = first & 0x0F;
            if ((first & 0x70) != 0 || (second & 0x80) == 0) {
                handler.refuse(Frames.PROTOCOL_ERROR, "frames from a client are masked and carry no extension bits");
                return;
            }
            long length = second & 0x7F;
            int header = 2;
            if (length == 126) {
                if (available < 4) {
                    keep(input);
                    return;
                }
                length = input.getShort(start + 2) & 0xFFFF;
                header = 4;
            } else if (length == 127) {
                if (available < 10) {
                    keep(input);
                    return;
                }
                length = input.getLong(start + 2);
                header = 10;
            }
            boolean control = opcode >= Frames.CLOSE;
            if (control ? opcode > Frames.PONG || length > 125 : opcode > BINARY) {
                handler.refuse(Frames.PROTOCOL_ERROR, "unknown opcode or control frame over 125 bytes");
                return;
            }
            if (length > MAX_PAYLOAD) {
                handler.refuse(Frames.MESSAGE_TOO_BIG, "the gateway reads frames of at most " + MAX_PAYLOAD + " bytes");
                return;
            }
            int whole = header + MASK_BYTES + (int) length;
            if (available < whole) {
                keep(input);
                return;
            }
            if (control) {
                byte[] payload = new byte[(int) length];
                int mask = start + header;
                for (int i = 0; i < payload.length; i++) {
                    payload[i] = (byte) (input.get(mask + MASK_BYTES + i) ^ input.get(mask + i % MASK_BYTES));
                }
                handler.control(opcode, payload);
            }
            // text, binary and continuation frames carry messages, and the gateway listens to none
            input.position(start + whole);
        }
    }

    private void keep(ByteBuffer input) {
        partial = new byte[input.remaining()];
        input.get(partial);
    }
}
