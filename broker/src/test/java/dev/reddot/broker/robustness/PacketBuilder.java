package dev.reddot.broker.robustness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Raw MQTT control packets, byte by byte. Strings are taken as bytes so that a caller can hand in malformed
 * UTF-8; lengths are computed, so a packet is well-formed unless its fields are not.
 */
final class PacketBuilder {

    enum Protocol {
        V311(4), V5(5);

        final int level;

        Protocol(int level) {
            this.level = level;
        }
    }

    /** No properties: a zero property length, where MQTT 5 wants one. */
    private static final byte[] NO_PROPERTIES = {0};

    private PacketBuilder() {
    }

    static byte[] connect(Protocol protocol, byte[] clientId, boolean cleanStart) {
        return connect(utf8("MQTT"), protocol.level, cleanStart ? 0x02 : 0x00, protocol == Protocol.V5, clientId);
    }

    /** A CONNECT with every header field chosen by the caller; properties are written when {@code v5} is set. */
    static byte[] connect(byte[] protocolName, int level, int flags, boolean v5, byte[] clientId) {
        Body body = new Body().string(protocolName).u8(level).u8(flags).u16(30);
        if (v5) {
            body.raw(NO_PROPERTIES);
        }
        return packet(0x10, body.string(clientId).bytes());
    }

    /** A CONNECT that announces a user name (and no password), for malformed names. */
    static byte[] connectWithUserName(Protocol protocol, byte[] clientId, byte[] userName) {
        Body body = new Body().string(utf8("MQTT")).u8(protocol.level).u8(0x82).u16(30);
        if (protocol == Protocol.V5) {
            body.raw(NO_PROPERTIES);
        }
        return packet(0x10, body.string(clientId).string(userName).bytes());
    }

    /**
     * A CONNECT with a user name and password (a token) and, for MQTT 5, the caller's properties (encoded, without
     * their length).
     */
    static byte[] connectWithPassword(Protocol protocol, String clientId, boolean cleanStart, String userName,
                                      String password, byte[] properties) {
        Body body = new Body().string(utf8("MQTT")).u8(protocol.level).u8(0xC0 | (cleanStart ? 0x02 : 0x00)).u16(30);
        if (protocol == Protocol.V5) {
            body.raw(varint(properties.length)).raw(properties);
        }
        return packet(0x10, body.string(utf8(clientId)).string(utf8(userName)).string(utf8(password)).bytes());
    }

    /** The MQTT 5 Session Expiry Interval property. */
    static byte[] sessionExpiry(long seconds) {
        return new Body().u8(0x11).u16((int) (seconds >>> 16)).u16((int) seconds).bytes();
    }

    static byte[] subscribe(Protocol protocol, int packetId, byte[] filter, int options) {
        Body body = new Body().u16(packetId);
        if (protocol == Protocol.V5) {
            body.raw(NO_PROPERTIES);
        }
        return packet(0x82, body.string(filter).u8(options).bytes());
    }

    static byte[] unsubscribe(Protocol protocol, int packetId, byte[] filter) {
        Body body = new Body().u16(packetId);
        if (protocol == Protocol.V5) {
            body.raw(NO_PROPERTIES);
        }
        return packet(0xA2, body.string(filter).bytes());
    }

    static byte[] publish(Protocol protocol, int qos, boolean retain, byte[] topic, int packetId, byte[] payload) {
        Body body = new Body().string(topic);
        if (qos > 0) {
            body.u16(packetId);
        }
        if (protocol == Protocol.V5) {
            body.raw(NO_PROPERTIES);
        }
        return packet(0x30 | qos << 1 | (retain ? 1 : 0), body.raw(payload).bytes());
    }

    static byte[] puback(int packetId) {
        return packet(0x40, new Body().u16(packetId).bytes());
    }

    static byte[] pubrec(int packetId) {
        return packet(0x50, new Body().u16(packetId).bytes());
    }

    static byte[] pubrel(int packetId) {
        return packet(0x62, new Body().u16(packetId).bytes());
    }

    /** An MQTT 5 DISCONNECT 0x00 with these properties (encoded, without their length). */
    static byte[] disconnect(byte[] properties) {
        return packet(0xE0, new Body().u8(0).raw(varint(properties.length)).raw(properties).bytes());
    }

    static byte[] pingreq() {
        return new byte[] {(byte) 0xC0, 0};
    }

    static byte[] disconnect() {
        return new byte[] {(byte) 0xE0, 0};
    }

    /** A fixed header alone: the first byte and whatever remaining-length encoding the caller wants. */
    static byte[] header(int firstByte, byte[] remainingLength) {
        return concat(new byte[] {(byte) firstByte}, remainingLength);
    }

    /** MQTT's variable byte integer, without its upper bound: 2^28 comes out as five bytes. */
    static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rest = value;
        do {
            int digit = (int) (rest % 128);
            rest /= 128;
            out.write(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
        return out.toByteArray();
    }

    /** Where the body starts: after the first byte and up to four remaining-length bytes. */
    static int bodyOffset(byte[] packet) {
        int offset = 1;
        while (offset < packet.length && offset < 5 && (packet[offset] & 0x80) != 0) {
            offset++;
        }
        return Math.min(offset + 1, packet.length);
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] packet(int firstByte, byte[] body) {
        return concat(new byte[] {(byte) firstByte}, varint(body.length), body);
    }

    /** The variable header and payload of a packet under construction. */
    private static final class Body {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body u8(int value) {
            out.write(value);
            return this;
        }

        Body u16(int value) {
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        Body string(byte[] value) {
            return u16(value.length).raw(value);
        }

        Body raw(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
