package dev.reddot.broker.conformance;

/** The control packets a raw connection sends after CONNECT, encoded byte for byte. */
final class OutgoingPackets {

    /** One topic filter of a SUBSCRIBE and its option byte (QoS, No Local, Retain As Published, Retain Handling). */
    record Subscription(String filter, int options) {

        static Subscription of(String filter, int qos) {
            return new Subscription(filter, qos);
        }

        Subscription noLocal() {
            return new Subscription(filter, options | 0x04);
        }
    }

    private OutgoingPackets() {
    }

    static byte[] subscribe(MqttVersion version, int packetId, WireProperties properties, Subscription... subscriptions) {
        WireWriter body = new WireWriter().u16(packetId);
        if (version.hasProperties()) {
            body.raw(properties.encode());
        }
        for (Subscription subscription : subscriptions) {
            body.utf8(subscription.filter()).u8(subscription.options());
        }
        return WireWriter.packet(0x82, body.toBytes());
    }

    static byte[] publish(MqttVersion version, String topic, int qos, boolean retain, int packetId,
                          WireProperties properties, byte[] payload) {
        WireWriter body = new WireWriter().utf8(topic);
        if (qos > 0) {
            body.u16(packetId);
        }
        if (version.hasProperties()) {
            body.raw(properties.encode());
        }
        body.raw(payload);
        return WireWriter.packet(0x30 | qos << 1 | (retain ? 1 : 0), body.toBytes());
    }

    static byte[] puback(int packetId) {
        return WireWriter.packet(0x40, new WireWriter().u16(packetId).toBytes());
    }

    static byte[] pubrec(int packetId) {
        return WireWriter.packet(0x50, new WireWriter().u16(packetId).toBytes());
    }

    static byte[] pubcomp(int packetId) {
        return WireWriter.packet(0x70, new WireWriter().u16(packetId).toBytes());
    }

    static byte[] pingreq() {
        return new byte[] {(byte) 0xC0, 0};
    }

    static byte[] disconnect(MqttVersion version, int reasonCode, WireProperties properties) {
        if (!version.hasProperties()) {
            return new byte[] {(byte) 0xE0, 0};
        }
        return WireWriter.packet(0xE0, new WireWriter().u8(reasonCode).raw(properties.encode()).toBytes());
    }
}
