package dev.reddot.simulator.mqtt;

import io.netty.handler.codec.mqtt.MqttVersion;

/** The MQTT protocol versions the client speaks. */
public enum MqttProtocol {
    V3_1_1(MqttVersion.MQTT_3_1_1),
    V5(MqttVersion.MQTT_5);

    private final MqttVersion nettyVersion;

    MqttProtocol(MqttVersion nettyVersion) {
        this.nettyVersion = nettyVersion;
    }

    /** {@code 5}, or {@code 3} / {@code 3.1.1} / {@code 4} (the protocol level of 3.1.1). */
    public static MqttProtocol parse(String text) {
        return switch (text.trim()) {
            case "5", "5.0" -> V5;
            case "3", "3.1.1", "4" -> V3_1_1;
            default -> throw new IllegalArgumentException("MQTT version must be 5 or 3 (3.1.1), not '" + text + "'");
        };
    }

    MqttVersion nettyVersion() {
        return nettyVersion;
    }
}
