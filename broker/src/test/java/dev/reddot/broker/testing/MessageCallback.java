package dev.reddot.broker.testing;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT 5 callback for test clients: what arrives, and what went wrong with the connection. */
public final class MessageCallback implements MqttCallback {

    private final BiConsumer<String, MqttMessage> arrived;
    private final Consumer<String> trouble;

    private MessageCallback(BiConsumer<String, MqttMessage> arrived, Consumer<String> trouble) {
        this.arrived = arrived;
        this.trouble = trouble;
    }

    /**
     * @param arrived called with the topic and message of every PUBLISH received
     * @param trouble called with a line describing a disconnection or a client error
     */
    public static MqttCallback of(BiConsumer<String, MqttMessage> arrived, Consumer<String> trouble) {
        return new MessageCallback(arrived, trouble);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        arrived.accept(topic, message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        trouble.accept("disconnected: reason " + response.getReturnCode() + " " + response.getReasonString() + ", "
                + response.getException());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        trouble.accept("error: " + exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
