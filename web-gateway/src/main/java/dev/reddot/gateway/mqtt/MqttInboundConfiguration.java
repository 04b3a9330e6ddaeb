package dev.reddot.gateway.mqtt;

import java.util.Arrays;

import io.micrometer.core.instrument.MeterRegistry;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;

import dev.reddot.security.SecurityProperties;
import dev.reddot.security.mqtt.AdminTokenConnectionOptions;

/**
 * One MQTT 5 connection, subscribed to the counts of the users the gateway serves (or to {@code /message/+}).
 * Clean start on every (re)connect: the subscriptions are made again and the broker replays the retained counts with
 * them, so the hub's view is whole again after any outage.
 */
@Configuration(proxyBeanMethods = false)
class MqttInboundConfiguration {

    @Bean
    Mqttv5ClientManager gatewayMqttClient(MqttClientProperties properties, SecurityProperties security) {
        MqttConnectionOptions options = security.tokenMode()
                ? new AdminTokenConnectionOptions(security.accessTokens(), properties.gatewayClientId())
                : new MqttConnectionOptions();
        options.setServerURIs(properties.serverUris());
        if (options.getSocketFactory() == null
                && Arrays.stream(properties.serverUris()).allMatch(uri -> uri.startsWith("tcp://"))) {
            options.setSocketFactory(new NoDelaySocketFactory());
        }
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
    ResyncRequests resyncRequests(Mqttv5ClientManager gatewayMqttClient, MqttClientProperties properties) {
        return new ResyncRequests(gatewayMqttClient, properties.resyncOnConnect());
    }

    @Bean
    UnreadCountSubscriptions unreadCountSubscriptions(Mqttv5ClientManager gatewayMqttClient, ResyncRequests resync,
                                                      MqttClientProperties properties, MeterRegistry registry) {
        return new UnreadCountSubscriptions(gatewayMqttClient, resync, properties, registry);
    }
}
