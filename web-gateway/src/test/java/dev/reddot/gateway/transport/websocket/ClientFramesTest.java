package dev.reddot.gateway.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A client's frames as the socket hands them over: in pieces, several at once, masked or not. */
class ClientFramesTest {

    private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

    private final ClientFrames frames = new ClientFrames();
    private final List<String> seen = new ArrayList<>();
    private final ClientFrames.Handler handler = new ClientFrames.Handler() {
        @Override
        public void control(int opcode, byte[] payload) {
            seen.add(opcode + ":" + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void refuse(int code, String reason) {
            seen.add("refused " + code);
        }
    };

    @Test
    void aPingThatArrivesInThreePiecesIsReadOnceWhole() {
        byte[] ping = masked(Frames.PING, "are you there".getBytes(StandardCharsets.UTF_8));

        frames.read(ByteBuffer.wrap(ping, 0, 1), handler);
        frames.read(ByteBuffer.wrap(ping, 1, 4), handler);
        assertThat(seen).isEmpty();
        frames.read(ByteBuffer.wrap(ping, 5, ping.length - 5), handler);

        assertThat(seen).containsExactly(Frames.PING + ":are you there");
    }

    @Test
    void aMessageIsDroppedAndTheCloseBehindItInTheSameReadIsSeen() {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(masked(Frames.TEXT, "hello server".getBytes(StandardCharsets.UTF_8)));
        both.writeBytes(masked(Frames.CLOSE, "\u0003\u00e8bye".getBytes(StandardCharsets.UTF_8)));

        frames.read(ByteBuffer.wrap(both.toByteArray()), handler);

        assertThat(seen).containsExactly(Frames.CLOSE + ":\u0003\u00e8bye");
    }

    @Test
    void aMessageOfMediumLengthIsSkippedWhole() {
        byte[] text = new byte[300];
        Arrays.fill(text, (byte) 'x');
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(masked(Frames.TEXT, text));
        both.writeBytes(masked(Frames.PING, new byte[0]));

        frames.read(ByteBuffer.wrap(both.toByteArray()), handler);

        assertThat(seen).containsExactly(Frames.PING + ":");
    }

    @Test
    void anUnmaskedFrameIsAProtocolError() {
        frames.read(ByteBuffer.wrap(new byte[] {(byte) 0x89, 0x00}), handler);

        assertThat(seen).containsExactly("refused " + Frames.PROTOCOL_ERROR);
    }

    @Test
    void aFrameOverTheLimitIsRefusedBeforeItArrives() {
        byte[] header = {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 1, 0, 0, 0x11, 0x22, 0x33, 0x44};

        frames.read(ByteBuffer.wrap(header), handler);

        assertThat(seen).containsExactly("refused " + Frames.MESSAGE_TOO_BIG);
    }

    /** A frame as a client sends it: final, masked. */
    static byte[] masked(int opcode, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(2 + (payload.length > 125 ? 2 : 0) + 4 + payload.length);
        frame.put((byte) (0x80 | opcode));
        if (payload.length > 125) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | payload.length));
        }
        frame.put(MASK);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ MASK[i % 4]));
        }
        return frame.array();
    }
}
