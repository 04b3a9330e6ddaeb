package dev.reddot.publisher.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.stereotype.Component;

import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.CountProperties;
import dev.reddot.protocol.Topics;
import dev.reddot.publisher.metrics.PublisherMetrics;

/**
 * Publishes counts to {@code /message/{userId}} with their MQTT 5 properties and returns once the broker has
 * acknowledged every one. Publications are pipelined, up to {@link #WINDOW} unacknowledged at a time: one
 * round trip per count would cap a broadcast at a few thousand counts a second.
 */
@Component
public class CountPublisher {

    /** Well below the broker's Receive Maximum (32,767 for Reddot's, 65,535 by default elsewhere). */
    static final int WINDOW = 1_000;

    private final Mqttv5ClientManager client;
    private final long completionTimeoutMillis;
    private final PublisherMetrics metrics;

    CountPublisher(Mqttv5ClientManager publisherMqttClient, MqttClientProperties properties, PublisherMetrics metrics) {
        this.client = publisherMqttClient;
        this.completionTimeoutMillis = properties.completionTimeout().toMillis();
        this.metrics = metrics;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Publishes in list order; a failure of any one fails the whole call.
     *
     * @throws CountNotPublishedException when the broker is unreachable or did not acknowledge in time
     */
    public void publishAll(List<Publication> publications) {
        IMqttAsyncClient mqtt = client.getClient();
        if (mqtt == null || !mqtt.isConnected()) {
            throw new CountNotPublishedException("not connected to " + client.getUrl(), null);
        }
        InFlightWindow window = new InFlightWindow(WINDOW);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        MqttActionListener completion = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                failure.compareAndSet(null, exception);
                window.release();
            }
        };
        try {
            for (Publication publication : publications) {
                send(mqtt, publication, window, completion, failure);
            }
            if (!window.awaitEmpty(deadline())) {
                throw new CountNotPublishedException("no acknowledgement within " + completionTimeoutMillis + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CountNotPublishedException("interrupted", e);
        }
        if (failure.get() != null) {
            throw new CountNotPublishedException(failure.get().getMessage(), failure.get());
        }
        metrics.countsPublished(publications.size());
    }

    private void send(IMqttAsyncClient mqtt, Publication publication, InFlightWindow window,
                      MqttActionListener completion, AtomicReference<Throwable> failure) throws InterruptedException {
        while (true) {
            if (!window.acquire(deadline()) || failure.get() != null) {
                throw new CountNotPublishedException("the broker stopped acknowledging", failure.get());
            }
            try {
                mqtt.publish(Topics.unreadCount(publication.event().userId()), message(publication), null, completion);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    window.release();
                    throw new CountNotPublishedException(e.getMessage(), e);
                }
                window.refused();
            }
        }
    }

    private long deadline() {
        return System.currentTimeMillis() + completionTimeoutMillis;
    }

    private static MqttMessage message(Publication publication) {
        CountEvent event = publication.event();
        MqttProperties properties = new MqttProperties();
        properties.setPayloadFormat(true);
        properties.setContentType(CountProperties.CONTENT_TYPE);
        properties.setUserProperties(List.of(
                new UserProperty(CountProperties.SEQ, Long.toString(event.seq())),
                new UserProperty(CountProperties.TS, Long.toString(event.ts()))));
        return new MqttMessage(event.payload().getBytes(StandardCharsets.UTF_8),
                publication.delivery().qos(), publication.delivery().retain(), properties);
    }
}
