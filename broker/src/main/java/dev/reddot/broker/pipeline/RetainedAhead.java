package dev.reddot.broker.pipeline;

import io.moquette.broker.subscriptions.Topic;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/** The broker's store of retained messages, as {@link RetainedBeforeRouting} writes to it ahead of Moquette. */
public interface RetainedAhead {

    /**
     * Stores {@code publish} as the topic's retained message now; Moquette's own store of this very message, after it
     * has routed it, then changes nothing.
     */
    void retainAhead(Topic topic, MqttPublishMessage publish);
}
