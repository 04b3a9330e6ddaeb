package dev.reddot.broker.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends MQTT's primitive types (big-endian integers, variable byte integers, length-prefixed strings). */
final class WireWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    WireWriter u8(int value) {
        bytes.write(value);
        return this;
    }

    WireWriter u16(int value) {
        bytes.write(value >>> 8);
        bytes.write(value);
        return this;
    }

    WireWriter u32(long value) {
        u16((int) (value >>> 16));
        return u16((int) value);
    }

    WireWriter varint(long value) {
        long rest = value;
        do {
            int digit = (int) (rest % 128);
            rest /= 128;
            bytes.write(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
        return this;
    }

    WireWriter utf8(String value) {
        return binary(value.getBytes(StandardCharsets.UTF_8));
    }

    WireWriter binary(byte[] value) {
        u16(value.length);
        return raw(value);
    }

    WireWriter raw(byte[] value) {
        bytes.writeBytes(value);
        return this;
    }

    byte[] toBytes() {
        return bytes.toByteArray();
    }

    /** A whole control packet: fixed header byte, remaining length, body. */
    static byte[] packet(int firstByte, byte[] body) {
        return new WireWriter().u8(firstByte).varint(body.length).raw(body).toBytes();
    }
}
