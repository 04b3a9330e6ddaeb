package dev.reddot.gateway.mqtt;

import java.util.List;

import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.mqtt.core.Mqttv5ClientManager;

import dev.reddot.protocol.ResyncRequest;
import dev.reddot.protocol.Topics;

/**
 * With {@code reddot.mqtt.resync-on-connect}, asks the publishers on {@code reddot/resync} to publish counts again
 * each time the gateway has (re)subscribed: on a cluster that keeps retained messages on one node only (Artemis), the
 * node the gateway is on may have none of them. Per user, it names the users just subscribed; on a wildcard
 * subscription it asks for every count. Without the setting it does nothing.
 */
class ResyncRequests {

    private static final Logger log = LoggerFactory.getLogger(ResyncRequests.class);

    private final Mqttv5ClientManager client;
    private final boolean enabled;

    ResyncRequests(Mqttv5ClientManager client, boolean enabled) {
        this.client = client;
        this.enabled = enabled;
    }

    void everyCount() {
        send(ResyncRequest.everyCount(client.getClientId()), "every count");
    }

    void countsOf(List<String> userIds) {
        send(ResyncRequest.countsOf(client.getClientId(), userIds), "the counts of " + userIds.size() + " users");
    }

    private void send(ResyncRequest request, String what) {
        IMqttAsyncClient mqtt = client.getClient();
        if (!enabled || mqtt == null || !mqtt.isConnected()) {
            return;
        }
        try {
            mqtt.publish(Topics.RESYNC_REQUESTS, new MqttMessage(request.payload(), 1, false, null), null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            log.debug("Asked the publishers for {} again, on {}", what, mqtt.getCurrentServerURI());
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable exception) {
                            log.warn("Could not ask the publishers for {} again: {}", what, exception.getMessage());
                        }
                    });
        } catch (MqttException e) {
            log.warn("Could not ask the publishers for {} again: {}", what, e.getMessage());
        }
    }
}
