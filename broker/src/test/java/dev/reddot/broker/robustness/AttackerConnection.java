package dev.reddot.broker.robustness;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.reddot.broker.robustness.PacketBuilder.Protocol;

/**
 * A raw MQTT connection as an attacker holds it: writes whatever packets it is given, as fast as the socket takes
 * them, while a thread of its own reads what the broker answers.
 */
final class AttackerConnection implements AutoCloseable {

    /** A packet the broker sent: its type and its body (variable header and payload). */
    record Received(int type, byte[] body) {

        static final int CONNACK = 2;
        static final int PUBACK = 4;
        static final int PUBREC = 5;
        static final int SUBACK = 9;
        static final int UNSUBACK = 11;
        static final int DISCONNECT = 14;
        /** Not a packet: the broker closed the connection. */
        static final int CLOSED = -1;

        /** The reason code of an MQTT 5 CONNACK, PUBACK, PUBREC or DISCONNECT (0 when the packet omits it). */
        int reasonCode() {
            int at = switch (type) {
                case CONNACK -> 1;
                case PUBACK, PUBREC -> 2;
                case DISCONNECT -> 0;
                default -> throw new IllegalStateException("no reason code in packet type " + type);
            };
            return body.length > at ? body[at] & 0xFF : 0;
        }

        /** CONNACK's Session Present flag. */
        boolean sessionPresent() {
            return (body[0] & 1) == 1;
        }

        /** The Session Expiry Interval an MQTT 5 CONNACK announces; empty when it has none. */
        OptionalLong sessionExpiry() {
            int propertiesEnd = 3 + (body[2] & 0xFF); // Reddot's CONNACKs have properties shorter than 128 bytes
            for (int at = 3; at < propertiesEnd; ) {
                int id = body[at++] & 0xFF;
                if (id == SESSION_EXPIRY_INTERVAL) {
                    return OptionalLong.of(ByteBuffer.wrap(body, at, 4).getInt() & 0xFFFFFFFFL);
                }
                at += propertyLength(id, at);
            }
            return OptionalLong.empty();
        }

        private static final int SESSION_EXPIRY_INTERVAL = 0x11;

        /** The length of the value of a CONNACK property (MQTT 5 2.2.2.2) that starts at {@code at}. */
        private int propertyLength(int id, int at) {
            return switch (id) {
                case 0x24, 0x25, 0x28, 0x29, 0x2A -> 1;
                case 0x13, 0x21, 0x22 -> 2;
                case 0x27 -> 4;
                case 0x12, 0x15, 0x16, 0x1A, 0x1C, 0x1F -> 2 + u16(at);
                case 0x26 -> 2 + u16(at) + 2 + u16(at + 2 + u16(at));
                default -> throw new IllegalStateException("unexpected CONNACK property " + id);
            };
        }

        private int u16(int at) {
            return (body[at] & 0xFF) << 8 | body[at + 1] & 0xFF;
        }

        /** The reason code of the first filter of a SUBACK (MQTT 5 SUBACKs from Reddot carry no properties). */
        int firstSubackCode(Protocol protocol) {
            return body[protocol == Protocol.V5 ? 3 : 2] & 0xFF;
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private AttackerConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "attacker-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static AttackerConnection open(int port) throws IOException {
        return new AttackerConnection(new Socket("127.0.0.1", port));
    }

    /** Writes {@code packet}; false once the broker has closed the connection. */
    boolean send(byte[] packet) {
        try {
            out.write(packet);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** The next packet from the broker, {@link Received#CLOSED} once it closed the connection. */
    Received next(Duration timeout) throws InterruptedException {
        Received packet = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (packet == null) {
            throw new AssertionError("the broker sent nothing within " + timeout);
        }
        if (packet.type() == Received.CLOSED) {
            received.add(packet);
        }
        return packet;
    }

    /**
     * Every packet the broker sends until it closes the connection or sends nothing for {@code quiet}; the last is
     * {@link Received#CLOSED} if it closed.
     */
    List<Received> untilClosedOrQuiet(Duration quiet) throws InterruptedException {
        List<Received> packets = new ArrayList<>();
        Received packet;
        while ((packet = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            packets.add(packet);
            if (packet.type() == Received.CLOSED) {
                received.add(packet);
                break;
            }
        }
        return packets;
    }

    private void read() {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            while (true) {
                int type = in.readUnsignedByte() >> 4;
                received.add(new Received(type, in.readNBytes(remainingLength(in))));
            }
        } catch (IOException closed) {
            received.add(new Received(Received.CLOSED, new byte[0]));
        }
    }

    /** Reads a fixed header's remaining length, MQTT's variable byte integer. */
    static int remainingLength(DataInputStream in) throws IOException {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int next = in.readUnsignedByte();
            length |= (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                return length;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
