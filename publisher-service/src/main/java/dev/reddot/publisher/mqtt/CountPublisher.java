package dev.reddot.publisher.mqtt;

import org.springframework.integration.annotation.GatewayHeader;
import org.springframework.integration.annotation.MessagingGateway;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;

import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.CountProperties;
import dev.reddot.protocol.Topics;
import dev.reddot.publisher.unread.Delivery;

/** Publishes a count to {@code /message/{userId}} with its MQTT 5 properties; returns once the broker has it. */
@MessagingGateway(defaultRequestChannel = MqttOutboundConfiguration.CHANNEL,
        defaultHeaders = @GatewayHeader(name = MessageHeaders.CONTENT_TYPE, value = CountProperties.CONTENT_TYPE))
public interface CountPublisher {

    default void publish(CountEvent event, Delivery delivery) {
        publish(event.payload(), Topics.unreadCount(event.userId()), delivery.qos(), delivery.retain(),
                Long.toString(event.seq()), Long.toString(event.ts()));
    }

    void publish(@Payload String count,
                 @Header(MqttHeaders.TOPIC) String topic,
                 @Header(MqttHeaders.QOS) int qos,
                 @Header(MqttHeaders.RETAINED) boolean retain,
                 @Header(CountProperties.SEQ) String seq,
                 @Header(CountProperties.TS) String ts);
}
