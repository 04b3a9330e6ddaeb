package dev.reddot.broker.conformance;

/** The protocol levels the suite speaks; they differ on the wire mostly by MQTT 5's properties. */
enum MqttVersion {
    V3_1_1(4), V5(5);

    final int level;

    MqttVersion(int level) {
        this.level = level;
    }

    boolean hasProperties() {
        return this == V5;
    }
}
