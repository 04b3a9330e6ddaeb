package dev.reddot.broker.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads MQTT's primitive types from a packet body; a short body is a malformed packet. */
final class WireReader {

    private final byte[] bytes;
    private int position;

    WireReader(byte[] bytes) {
        this.bytes = bytes;
    }

    int u8() {
        require(1);
        return bytes[position++] & 0xFF;
    }

    int u16() {
        return u8() << 8 | u8();
    }

    long u32() {
        return (long) u16() << 16 | u16();
    }

    long varint() {
        long value = 0;
        int multiplier = 1;
        for (int i = 0; i < 4; i++) {
            int digit = u8();
            value += (long) (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) {
                return value;
            }
            multiplier *= 128;
        }
        throw new IllegalStateException("Malformed variable byte integer");
    }

    String utf8() {
        return new String(binary(), StandardCharsets.UTF_8);
    }

    byte[] binary() {
        return take(u16());
    }

    byte[] take(int length) {
        require(length);
        byte[] taken = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return taken;
    }

    byte[] rest() {
        return take(remaining());
    }

    int remaining() {
        return bytes.length - position;
    }

    private void require(int length) {
        if (remaining() < length) {
            throw new IllegalStateException("Malformed packet: " + length + " more bytes expected, " + remaining() + " left");
        }
    }
}
