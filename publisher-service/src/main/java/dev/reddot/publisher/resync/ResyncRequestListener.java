package dev.reddot.publisher.resync;

import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.integration.mqtt.core.ClientManager;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.stereotype.Component;

import dev.reddot.protocol.ResyncRequest;
import dev.reddot.protocol.Topics;

/**
 * Takes the gateways' resync requests, subscribed again at every (re)connect (clean start). Every publisher instance
 * answers each request. It is a plain Paho subscription: a second Spring Integration adapter on the publisher's client
 * would give Paho 1.2.5 two subscription identifiers, and it then fails to unsubscribe at shutdown
 * (ConcurrentModificationException in {@code CommsCallback.removeMessageListener}). Without an identifier Paho finds
 * the listener by matching the topic against the filter, which a {@code $share/…} filter never matches: so the
 * subscription is not shared.
 */
@Component
class ResyncRequestListener implements SmartLifecycle, ClientManager.ConnectCallback {

    private static final Logger log = LoggerFactory.getLogger(ResyncRequestListener.class);

    private final Mqttv5ClientManager client;
    private final CountResync resync;
    private volatile boolean running;

    ResyncRequestListener(Mqttv5ClientManager publisherMqttClient, CountResync resync) {
        this.client = publisherMqttClient;
        this.resync = resync;
    }

    @Override
    public void start() {
        running = true;
        client.addCallback(this);
        subscribe();
    }

    @Override
    public void stop() {
        running = false;
        client.removeCallback(this);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after the client manager has connected, like the message-driven adapters
        return Integer.MAX_VALUE / 2;
    }

    @Override
    public void connectComplete(boolean reconnect) {
        if (running) {
            subscribe();
        }
    }

    private void subscribe() {
        IMqttAsyncClient mqtt = client.getClient();
        if (mqtt == null || !mqtt.isConnected()) {
            return; // connectComplete subscribes once connected
        }
        try {
            mqtt.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.RESYNC_REQUESTS, 1)}, null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            log.debug("Subscribed to {}", Topics.RESYNC_REQUESTS);
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable exception) {
                            log.warn("Could not subscribe to {}: {}", Topics.RESYNC_REQUESTS, exception.getMessage());
                        }
                    }, new IMqttMessageListener[] {this::requested}, new MqttProperties());
        } catch (MqttException e) {
            log.warn("Could not subscribe to {}: {}", Topics.RESYNC_REQUESTS, e.getMessage());
        }
    }

    private void requested(String topic, MqttMessage message) {
        ResyncRequest request = ResyncRequest.parse(message.getPayload());
        try {
            resync.requested(request);
        } catch (DataAccessException e) {
            // not thrown back to Paho: that would close the publisher's connection
            log.error("Could not queue counts again for {}", request.requester(), e);
        }
    }
}
