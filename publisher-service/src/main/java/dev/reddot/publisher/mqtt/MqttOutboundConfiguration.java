package dev.reddot.publisher.mqtt;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.annotation.IntegrationComponentScan;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.integration.mqtt.outbound.Mqttv5PahoMessageHandler;
import org.springframework.integration.mqtt.support.MqttHeaderMapper;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;

import dev.reddot.protocol.CountProperties;

/** One MQTT 5 connection and the outbound adapter that {@link CountPublisher} sends through. */
@Configuration(proxyBeanMethods = false)
@IntegrationComponentScan
class MqttOutboundConfiguration {

    static final String CHANNEL = "countPublications";

    @Bean
    Mqttv5ClientManager publisherMqttClient(MqttClientProperties properties) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setServerURIs(new String[] {properties.url()});
        options.setAutomaticReconnect(true);
        // Paho's default grows to two minutes; a publisher should be back within seconds of its broker.
        options.setAutomaticReconnectDelay(1, 5);
        options.setCleanStart(true);
        Mqttv5ClientManager manager = new Mqttv5ClientManager(options, properties.publisherClientId());
        manager.setCompletionTimeout(properties.completionTimeout().toMillis());
        // Stopping must not hang for Paho's default 30 s when the broker is already gone.
        manager.setQuiescentTimeout(500);
        manager.setDisconnectCompletionTimeout(1_000);
        return manager;
    }

    @Bean
    @ServiceActivator(inputChannel = CHANNEL)
    MessageHandler mqttCountHandler(Mqttv5ClientManager publisherMqttClient, MqttClientProperties properties) {
        Mqttv5PahoMessageHandler handler = new Mqttv5PahoMessageHandler(publisherMqttClient);
        handler.setAsync(false);
        handler.setCompletionTimeout(properties.completionTimeout().toMillis());
        // The default mapper sends neither seq nor ts: every user property must be named.
        MqttHeaderMapper mapper = new MqttHeaderMapper();
        mapper.setOutboundHeaderNames(MessageHeaders.CONTENT_TYPE, MqttHeaders.MESSAGE_EXPIRY_INTERVAL,
                CountProperties.SEQ, CountProperties.TS);
        handler.setHeaderMapper(mapper);
        return handler;
    }
}
