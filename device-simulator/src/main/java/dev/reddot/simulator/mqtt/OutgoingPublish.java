package dev.reddot.simulator.mqtt;

import java.util.concurrent.CompletableFuture;

import io.netty.handler.codec.mqtt.MqttQoS;

/** A publish waiting to be sent or acknowledged, and whom to tell when it is. */
record OutgoingPublish(String topic, byte[] payload, MqttQoS qos, boolean retain, CompletableFuture<Void> done) {
}
