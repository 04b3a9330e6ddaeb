package dev.reddot.publisher.device;

import org.eclipse.paho.mqttv5.common.MqttSubscription;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.acks.SimpleAcknowledgment;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;
import org.springframework.integration.mqtt.support.MqttHeaders;

/**
 * Subscribes the publisher's MQTT client to every device's alerts through a shared subscription: each alert
 * goes to one of the publisher instances. QoS 1 with manual acknowledgement: see {@link DeviceAlertListener}.
 */
@Configuration(proxyBeanMethods = false)
class DeviceAlertSubscription {

    /** {@code devices/+/alerts} shared by every publisher instance: the form of {@code Topics.alerts(deviceId)}. */
    static final String SHARED_ALERTS = "$share/reddot-publisher/devices/+/alerts";

    @Bean
    Mqttv5PahoMessageDrivenChannelAdapter deviceAlertAdapter(Mqttv5ClientManager publisherMqttClient) {
        Mqttv5PahoMessageDrivenChannelAdapter adapter =
                new Mqttv5PahoMessageDrivenChannelAdapter(publisherMqttClient, new MqttSubscription(SHARED_ALERTS, 1));
        adapter.setManualAcks(true);
        adapter.setPayloadType(byte[].class);
        return adapter;
    }

    @Bean
    IntegrationFlow deviceAlertFlow(Mqttv5PahoMessageDrivenChannelAdapter deviceAlertAdapter,
                                    DeviceAlertListener listener) {
        return IntegrationFlow.from(deviceAlertAdapter)
                .handle(byte[].class, (payload, headers) -> {
                    listener.receive(headers.get(MqttHeaders.RECEIVED_TOPIC, String.class), payload,
                            headers.get(IntegrationMessageHeaderAccessor.ACKNOWLEDGMENT_CALLBACK, SimpleAcknowledgment.class));
                    return null;
                })
                .get();
    }
}
