package dev.reddot.broker.conformance;

import java.nio.charset.StandardCharsets;

/** A CONNECT packet as a check wants it, encoded byte for byte. */
record Connect(MqttVersion version, String clientId, boolean cleanStart, int keepAliveSeconds, WireProperties properties,
               Will will) {

    /** A Will Message and its properties (MQTT 5: Will Delay Interval). */
    record Will(String topic, String payload, int qos, boolean retain, WireProperties properties) {
    }

    static Connect of(MqttVersion version, String clientId) {
        return new Connect(version, clientId, true, 60, WireProperties.none(), null);
    }

    Connect cleanStart(boolean clean) {
        return new Connect(version, clientId, clean, keepAliveSeconds, properties, will);
    }

    Connect keepAlive(int seconds) {
        return new Connect(version, clientId, cleanStart, seconds, properties, will);
    }

    Connect property(int identifier, Object value) {
        return new Connect(version, clientId, cleanStart, keepAliveSeconds, properties.with(identifier, value), will);
    }

    Connect will(Will message) {
        return new Connect(version, clientId, cleanStart, keepAliveSeconds, properties, message);
    }

    byte[] encode() {
        int flags = (cleanStart ? 0x02 : 0);
        if (will != null) {
            flags |= 0x04 | will.qos() << 3 | (will.retain() ? 0x20 : 0);
        }
        WireWriter body = new WireWriter().utf8("MQTT").u8(version.level).u8(flags).u16(keepAliveSeconds);
        if (version.hasProperties()) {
            body.raw(properties.encode());
        }
        body.utf8(clientId);
        if (will != null) {
            if (version.hasProperties()) {
                body.raw(will.properties().encode());
            }
            body.utf8(will.topic()).binary(will.payload().getBytes(StandardCharsets.UTF_8));
        }
        return WireWriter.packet(0x10, body.toBytes());
    }
}
