package dev.reddot.simulator.mqtt;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * A publish waiting to be sent or acknowledged, and whom to tell when it is.
 *
 * @param userProperties MQTT 5 user properties, in the order given; empty for none
 */
record OutgoingPublish(String topic, byte[] payload, MqttQoS qos, boolean retain, Map<String, String> userProperties,
                       CompletableFuture<Void> done) {
}
