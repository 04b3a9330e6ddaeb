package dev.reddot.simulator.mqtt;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import io.netty.channel.Channel;

/**
 * One connected MQTT client. Every method may be called from any thread and returns at once; the work happens on
 * the connection's event loop, shared with many other connections.
 */
public final class AsyncMqttClient {

    private final String clientId;
    private final Channel channel;
    private final MqttClientHandler handler;

    AsyncMqttClient(String clientId, Channel channel, MqttClientHandler handler) {
        this.clientId = clientId;
        this.channel = channel;
        this.handler = handler;
    }

    public String clientId() {
        return clientId;
    }

    /**
     * Completes when the publish is done: written to the socket (QoS 0), PUBACK (QoS 1) or PUBCOMP (QoS 2);
     * fails on a refusal or when the connection ends first.
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        return publish(topic, payload, qos, retain, Map.of());
    }

    /** As {@link #publish(String, byte[], int, boolean)}, with MQTT 5 user properties (ignored by MQTT 3.1.1). */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain,
                                           Map<String, String> userProperties) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        onEventLoop(() -> handler.publish(topic, payload, qos, retain, userProperties, done));
        return done;
    }

    /** Completes with the granted QoS, or fails when the broker refuses the subscription. */
    public CompletableFuture<Integer> subscribe(String filter, int qos) {
        CompletableFuture<Integer> granted = new CompletableFuture<>();
        onEventLoop(() -> handler.subscribe(filter, qos, granted));
        return granted;
    }

    /** Sends DISCONNECT and closes; completes when the connection is closed. */
    public CompletableFuture<Void> disconnect() {
        onEventLoop(handler::disconnect);
        return handler.closed().exceptionally(lost -> null);
    }

    /** Completes normally after {@link #disconnect()}, exceptionally with {@link ConnectionLostException} otherwise. */
    public CompletableFuture<Void> closeFuture() {
        return handler.closed();
    }

    public boolean isConnected() {
        return channel.isActive();
    }

    /** The connection's event loop: tasks scheduled here never run concurrently with the client's own work. */
    public ScheduledExecutorService scheduler() {
        return channel.eventLoop();
    }

    private void onEventLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }
}
