package dev.reddot.broker.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** MQTT 5 properties exactly as they travel: identifier → values in the order they appeared. */
record WireProperties(Map<Integer, List<Object>> values) {

    static final int SESSION_EXPIRY_INTERVAL = 0x11;
    static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    static final int SERVER_KEEP_ALIVE = 0x13;
    static final int WILL_DELAY_INTERVAL = 0x18;
    static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    static final int RECEIVE_MAXIMUM = 0x21;
    static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    static final int TOPIC_ALIAS = 0x23;
    static final int MAXIMUM_PACKET_SIZE = 0x27;
    static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
    static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    private enum Kind { BYTE, TWO_BYTES, FOUR_BYTES, VARINT, UTF8, BINARY, UTF8_PAIR }

    WireProperties {
        values = Map.copyOf(values);
    }

    static WireProperties none() {
        return new WireProperties(Map.of());
    }

    /** One property more; numbers are written with the width the identifier calls for. */
    WireProperties with(int identifier, Object value) {
        Map<Integer, List<Object>> more = new LinkedHashMap<>(values);
        List<Object> existing = new ArrayList<>(more.getOrDefault(identifier, List.of()));
        existing.add(value);
        more.put(identifier, List.copyOf(existing));
        return new WireProperties(more);
    }

    Optional<Long> number(int identifier) {
        return numbers(identifier).stream().findFirst();
    }

    List<Long> numbers(int identifier) {
        return values.getOrDefault(identifier, List.of()).stream().map(value -> ((Number) value).longValue()).toList();
    }

    Optional<String> string(int identifier) {
        return values.getOrDefault(identifier, List.of()).stream().map(String.class::cast).findFirst();
    }

    /** The property section: its length, then each property. */
    byte[] encode() {
        WireWriter content = new WireWriter();
        values.forEach((identifier, list) -> list.forEach(value -> write(content, identifier, value)));
        byte[] body = content.toBytes();
        return new WireWriter().varint(body.length).raw(body).toBytes();
    }

    static WireProperties decode(WireReader reader) {
        WireReader section = new WireReader(reader.take((int) reader.varint()));
        WireProperties properties = none();
        while (section.remaining() > 0) {
            int identifier = (int) section.varint();
            properties = properties.with(identifier, read(section, identifier));
        }
        return properties;
    }

    private static void write(WireWriter writer, int identifier, Object value) {
        writer.varint(identifier);
        switch (kind(identifier)) {
            case BYTE -> writer.u8(((Number) value).intValue());
            case TWO_BYTES -> writer.u16(((Number) value).intValue());
            case FOUR_BYTES -> writer.u32(((Number) value).longValue());
            case VARINT -> writer.varint(((Number) value).longValue());
            case UTF8 -> writer.utf8((String) value);
            case BINARY -> writer.binary((byte[]) value);
            case UTF8_PAIR -> {
                Map.Entry<?, ?> pair = (Map.Entry<?, ?>) value;
                writer.utf8((String) pair.getKey()).utf8((String) pair.getValue());
            }
            default -> throw new IllegalStateException("unreachable");
        }
    }

    private static Object read(WireReader reader, int identifier) {
        return switch (kind(identifier)) {
            case BYTE -> (long) reader.u8();
            case TWO_BYTES -> (long) reader.u16();
            case FOUR_BYTES -> reader.u32();
            case VARINT -> reader.varint();
            case UTF8 -> reader.utf8();
            case BINARY -> reader.binary();
            case UTF8_PAIR -> Map.entry(reader.utf8(), reader.utf8());
        };
    }

    private static Kind kind(int identifier) {
        return switch (identifier) {
            case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> Kind.BYTE;
            case 0x13, 0x21, 0x22, 0x23 -> Kind.TWO_BYTES;
            case 0x02, 0x11, 0x18, 0x27 -> Kind.FOUR_BYTES;
            case 0x0B -> Kind.VARINT;
            case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F -> Kind.UTF8;
            case 0x09, 0x16 -> Kind.BINARY;
            case 0x26 -> Kind.UTF8_PAIR;
            default -> throw new IllegalStateException("Unknown MQTT 5 property identifier 0x" + Integer.toHexString(identifier));
        };
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        values.forEach((identifier, list) -> text.append(text.length() > 1 ? ", " : "")
                .append("0x").append(Integer.toHexString(identifier)).append('=').append(list.size() == 1 ? list.get(0) : list));
        return text.append('}').toString();
    }
}
