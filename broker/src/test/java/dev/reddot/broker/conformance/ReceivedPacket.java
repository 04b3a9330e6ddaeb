package dev.reddot.broker.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A control packet read from the broker, with decoders for the kinds the checks look into. */
record ReceivedPacket(int type, int flags, byte[] body, MqttVersion version) {

    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int PUBREC = 5;
    static final int PUBREL = 6;
    static final int SUBACK = 9;
    static final int PINGRESP = 13;
    static final int DISCONNECT = 14;
    /** Not a packet: the broker closed the connection. */
    static final int CLOSED = -1;

    record Connack(boolean sessionPresent, int reasonCode, WireProperties properties) {
    }

    record Publish(String topic, int qos, boolean retain, boolean dup, int packetId, WireProperties properties,
                   byte[] payload) {

        String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** PUBACK, PUBREC and PUBCOMP: a packet id and, in MQTT 5, a reason code that may be left out when 0. */
    record Ack(int packetId, int reasonCode) {
    }

    static ReceivedPacket closed(MqttVersion version) {
        return new ReceivedPacket(CLOSED, 0, new byte[0], version);
    }

    /** The whole packet's size on the wire, as Maximum Packet Size counts it. */
    int size() {
        int lengthBytes = body.length < 128 ? 1 : body.length < 16_384 ? 2 : body.length < 2_097_152 ? 3 : 4;
        return 1 + lengthBytes + body.length;
    }

    boolean isClosed() {
        return type == CLOSED;
    }

    Connack connack() {
        WireReader reader = reader(CONNACK);
        boolean sessionPresent = (reader.u8() & 1) == 1;
        int reasonCode = reader.u8();
        WireProperties properties = version.hasProperties() && reader.remaining() > 0
                ? WireProperties.decode(reader) : WireProperties.none();
        return new Connack(sessionPresent, reasonCode, properties);
    }

    Publish publish() {
        WireReader reader = reader(PUBLISH);
        int qos = flags >> 1 & 3;
        String topic = reader.utf8();
        int packetId = qos > 0 ? reader.u16() : 0;
        WireProperties properties = version.hasProperties() ? WireProperties.decode(reader) : WireProperties.none();
        return new Publish(topic, qos, (flags & 1) == 1, (flags & 8) == 8, packetId, properties, reader.rest());
    }

    Ack ack() {
        WireReader reader = new WireReader(body);
        int packetId = reader.u16();
        return new Ack(packetId, reader.remaining() > 0 ? reader.u8() : 0);
    }

    /** The reason code of each filter of a SUBACK, in order. */
    List<Integer> subackReasonCodes() {
        WireReader reader = reader(SUBACK);
        reader.u16();
        if (version.hasProperties()) {
            WireProperties.decode(reader);
        }
        List<Integer> codes = new ArrayList<>();
        while (reader.remaining() > 0) {
            codes.add(reader.u8());
        }
        return codes;
    }

    int disconnectReasonCode() {
        WireReader reader = reader(DISCONNECT);
        return reader.remaining() > 0 ? reader.u8() : 0;
    }

    @Override
    public String toString() {
        return switch (type) {
            case CLOSED -> "connection closed";
            case CONNACK -> "CONNACK " + connack();
            case PUBLISH -> "PUBLISH " + publish().topic();
            case PUBACK -> "PUBACK " + hex(ack().reasonCode());
            case PUBREC -> "PUBREC " + hex(ack().reasonCode());
            case SUBACK -> "SUBACK " + subackReasonCodes().stream().map(ReceivedPacket::hex).toList();
            case DISCONNECT -> "DISCONNECT " + hex(disconnectReasonCode());
            default -> name(type);
        };
    }

    static String name(int type) {
        return switch (type) {
            case CLOSED -> "connection closed";
            case CONNACK -> "CONNACK";
            case PUBLISH -> "PUBLISH";
            case PUBACK -> "PUBACK";
            case PUBREC -> "PUBREC";
            case PUBREL -> "PUBREL";
            case SUBACK -> "SUBACK";
            case PINGRESP -> "PINGRESP";
            case DISCONNECT -> "DISCONNECT";
            default -> "packet type " + type;
        };
    }

    static String hex(int code) {
        return String.format("0x%02X", code);
    }

    private WireReader reader(int expectedType) {
        if (type != expectedType) {
            throw new CheckFailure("expected " + name(expectedType) + ", got " + this);
        }
        return new WireReader(body);
    }
}
