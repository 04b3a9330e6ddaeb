package dev.reddot.gateway.mqtt;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;

/**
 * Spring Integration's MQTT 5 inbound adapter for its subscribing, resubscribing after every reconnect and its
 * connection events, but each message goes from Paho's callback straight to the {@link UnreadCountReceiver}: no
 * header mapping, no Spring message and no service activator per count (they took about half of the callback
 * thread at 2,000 counts/s).
 */
class UnreadCountSubscription extends Mqttv5PahoMessageDrivenChannelAdapter {

    private final UnreadCountReceiver receiver;

    UnreadCountSubscription(Mqttv5ClientManager client, MqttSubscription subscription, UnreadCountReceiver receiver) {
        super(client, subscription);
        this.receiver = receiver;
        // the adapter insists on an output channel; nothing is ever sent to it
        setOutputChannelName("nullChannel");
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        receiver.receive(topic, message);
    }
}
