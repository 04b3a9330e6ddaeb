package dev.reddot.publisher.mqtt;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;

import dev.reddot.security.SecurityProperties;
import dev.reddot.security.mqtt.AdminTokenConnectionOptions;

/** The publisher's one MQTT 5 connection: counts go out through it and device alerts come in through it. */
@Configuration(proxyBeanMethods = false)
class MqttOutboundConfiguration {

    @Bean
    Mqttv5ClientManager publisherMqttClient(MqttClientProperties properties, SecurityProperties security) {
        MqttConnectionOptions options = security.tokenMode()
                ? new AdminTokenConnectionOptions(security.accessTokens(), properties.publisherClientId())
                : new MqttConnectionOptions();
        options.setServerURIs(properties.serverUris());
        options.setAutomaticReconnect(true);
        // Paho's default grows to two minutes; a publisher should be back within seconds of its broker.
        options.setAutomaticReconnectDelay(1, 5);
        options.setCleanStart(true);
        Mqttv5ClientManager manager = new Mqttv5ClientManager(options, properties.publisherClientId());
        // The outbox is what makes counts durable; Paho's default file store would only slow publishing down.
        manager.setPersistence(new MemoryPersistence());
        // Device alerts are acknowledged only once stored (see device.DeviceAlertListener).
        manager.setManualAcks(true);
        manager.setCompletionTimeout(properties.completionTimeout().toMillis());
        // Stopping must not hang for Paho's default 30 s when the broker is already gone.
        manager.setQuiescentTimeout(500);
        manager.setDisconnectCompletionTimeout(1_000);
        return manager;
    }
}
