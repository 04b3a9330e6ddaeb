package dev.reddot.gateway.mqtt;

import java.nio.charset.StandardCharsets;

import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.integration.mqtt.inbound.Mqttv5PahoMessageDrivenChannelAdapter;

import dev.reddot.protocol.Topics;

/**
 * The gateway's subscription to {@code /message/+}. Spring Integration's MQTT 5 inbound adapter does the
 * subscribing, the resubscribing after every reconnect and the connection events, but each message goes from
 * Paho's callback straight to the {@link UnreadCountReceiver}: no header mapping, no Spring message and no service
 * activator per count (they took about half of the callback thread at 2,000 counts/s).
 *
 * <p>With {@code reddot.mqtt.resync-on-connect}, each time it is in place (at start and after every reconnect) it
 * asks the publishers to publish every count again: on a cluster that keeps retained messages on one node only,
 * the node the gateway (re)connected to may have none of them.
 */
class UnreadCountSubscription extends Mqttv5PahoMessageDrivenChannelAdapter {

    private static final Logger log = LoggerFactory.getLogger(UnreadCountSubscription.class);

    private final Mqttv5ClientManager client;
    private final UnreadCountReceiver receiver;
    private final boolean resyncOnConnect;

    UnreadCountSubscription(Mqttv5ClientManager client, UnreadCountReceiver receiver, boolean resyncOnConnect) {
        super(client, new MqttSubscription(Topics.ALL_UNREAD_COUNTS, 1));
        this.client = client;
        this.receiver = receiver;
        this.resyncOnConnect = resyncOnConnect;
        // the adapter insists on an output channel; nothing is ever sent to it
        setOutputChannelName("nullChannel");
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        receiver.receive(topic, message);
    }

    @Override
    protected void doStart() {
        super.doStart();
        requestResync();
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // the subscription is renewed first (clean start), so that the answer finds it in place
        super.connectComplete(reconnect, serverUri);
        if (isActive()) {
            requestResync();
        }
    }

    private void requestResync() {
        IMqttAsyncClient mqtt = client.getClient();
        if (!resyncOnConnect || mqtt == null || !mqtt.isConnected()) {
            return;
        }
        try {
            mqtt.publish(Topics.RESYNC_REQUESTS, new MqttMessage(
                    client.getClientId().getBytes(StandardCharsets.UTF_8), 1, false, null), null, new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            log.info("Asked the publishers for every count again, on {}", mqtt.getCurrentServerURI());
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable exception) {
                            log.warn("Could not ask the publishers for every count again: {}", exception.getMessage());
                        }
                    });
        } catch (MqttException e) {
            log.warn("Could not ask the publishers for every count again: {}", e.getMessage());
        }
    }
}
