package dev.reddot.gateway.mqtt;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;

import dev.reddot.security.SecurityProperties;
import dev.reddot.security.mqtt.AdminTokenConnectionOptions;

/**
 * One MQTT 5 connection subscribed to {@code /message/+}. Clean start on every (re)connect makes the broker
 * replay every retained count with the new subscription, so the hub's view is whole again after any outage.
 * QoS 1, not 0: a broker may drop QoS 0 messages of a large retained replay.
 */
@Configuration(proxyBeanMethods = false)
class MqttInboundConfiguration {

    @Bean
    Mqttv5ClientManager gatewayMqttClient(MqttClientProperties properties, SecurityProperties security) {
        MqttConnectionOptions options = security.tokenMode()
                ? new AdminTokenConnectionOptions(security.accessTokens(), properties.gatewayClientId())
                : new MqttConnectionOptions();
        options.setServerURIs(properties.serverUris());
        options.setAutomaticReconnect(true);
        // Paho's default grows to two minutes; browsers should not wait that long after a broker restart.
        options.setAutomaticReconnectDelay(1, 5);
        options.setCleanStart(true);
        Mqttv5ClientManager manager = new Mqttv5ClientManager(options, properties.gatewayClientId());
        manager.setCompletionTimeout(properties.completionTimeout().toMillis());
        // Stopping must not hang for Paho's default 30 s when the broker is already gone.
        manager.setQuiescentTimeout(500);
        manager.setDisconnectCompletionTimeout(1_000);
        return manager;
    }

    @Bean
    UnreadCountSubscription unreadCountSubscription(Mqttv5ClientManager gatewayMqttClient,
                                                    MqttClientProperties properties, UnreadCountReceiver receiver) {
        UnreadCountSubscription subscription =
                new UnreadCountSubscription(gatewayMqttClient, receiver, properties.resyncOnConnect());
        subscription.setCompletionTimeout(properties.completionTimeout().toMillis());
        return subscription;
    }
}
