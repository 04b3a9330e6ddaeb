package dev.reddot.broker.robustness;

import java.util.List;

/** The malformed values the attacks draw from, named so that the statistics can tell them apart. */
final class HostileInputs {

    /** A byte sequence that is not valid MQTT UTF-8 (MQTT 5 1.5.4), or a character the spec forbids. */
    record BadUtf8(String name, byte[] bytes) {
    }

    /** A CONNECT protocol name and level that are not MQTT 3.1, 3.1.1 or 5 as the spec writes them. */
    record ProtocolVariant(String name, int level) {
    }

    static final List<BadUtf8> BAD_UTF8 = List.of(
            new BadUtf8("overlong NUL C0 80", bytes(0xC0, 0x80)),
            new BadUtf8("high surrogate ED A0 80", bytes(0xED, 0xA0, 0x80)),
            new BadUtf8("low surrogate ED B0 80", bytes(0xED, 0xB0, 0x80)),
            new BadUtf8("U+0000", bytes(0x00)),
            new BadUtf8("invalid byte FF", bytes(0xFF)),
            new BadUtf8("cut sequence E2 82", bytes(0xE2, 0x82)),
            new BadUtf8("five-byte form F8 88 80 80 80", bytes(0xF8, 0x88, 0x80, 0x80, 0x80)),
            new BadUtf8("control U+0001", bytes(0x01)),
            new BadUtf8("lone continuation 80", bytes(0x80)));

    static final List<String> MALFORMED_SHARE_FILTERS = List.of(
            "$share/", "$share//t", "$share/g", "$share/g#/t", "$share/g+/t", "$share", "$share/g/", "$share//",
            "$share/+/t", "$share/#", "$share/g/t/#/x");

    static final List<String> MALFORMED_FILTERS = List.of("#/x", "a/#/b", "a+/b", "", "+#", "a/b#");

    static final List<ProtocolVariant> WRONG_PROTOCOLS = List.of(
            new ProtocolVariant("MQTT", 0), new ProtocolVariant("MQTT", 1), new ProtocolVariant("MQTT", 2),
            new ProtocolVariant("MQTT", 3), new ProtocolVariant("MQTT", 6), new ProtocolVariant("MQTT", 255),
            new ProtocolVariant("MQIsdp", 4), new ProtocolVariant("MQIsdp", 5), new ProtocolVariant("MQTX", 4),
            new ProtocolVariant("mqtt", 5), new ProtocolVariant("", 4), new ProtocolVariant("MQTT\0", 4),
            new ProtocolVariant("MQTTMQTTMQTTMQTT", 5));

    /** Remaining-length encodings that MQTT forbids or that no broker should believe. */
    static final List<byte[]> BAD_REMAINING_LENGTHS = List.of(
            bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x7F),       // five bytes
            bytes(0x80, 0x80, 0x80, 0x80, 0x01),       // 2^28, one past the maximum
            bytes(0xFF, 0xFF, 0xFF, 0x7F),             // 268,435,455, the maximum, never sent
            bytes(0x80, 0x00),                         // non-minimal zero
            bytes(0x80, 0x80, 0x80, 0x00),             // non-minimal zero, four bytes
            bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),  // continuation bit never cleared
            bytes(0x80));                              // cut in the middle

    private HostileInputs() {
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
