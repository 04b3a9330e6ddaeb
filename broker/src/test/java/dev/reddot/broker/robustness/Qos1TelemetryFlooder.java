package dev.reddot.broker.robustness;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A Paho device client publishing QoS 1 telemetry as fast as the broker acknowledges it: always as many publishes in
 * flight as the broker's Receive Maximum allows. What the broker has taken is what it has acknowledged.
 */
final class Qos1TelemetryFlooder implements TelemetryFlooder {

    private static final byte[] READING = "{\"temperature\":21.5}".getBytes(StandardCharsets.UTF_8);

    private final String device;
    private final MqttAsyncClient client;
    private final Semaphore window;
    private final AtomicLong acknowledged = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private Qos1TelemetryFlooder(String device, MqttAsyncClient client, int receiveMaximum) {
        this.device = device;
        this.client = client;
        this.window = new Semaphore(receiveMaximum);
        this.thread = new Thread(this::flood, "qos1-flooder-" + device);
    }

    static Qos1TelemetryFlooder start(String url, String device, String token) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, device, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(device);
        options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(false);
        IMqttToken connected = client.connect(options);
        connected.waitForCompletion(10_000);
        Integer receiveMaximum = connected.getResponseProperties().getReceiveMaximum();
        Qos1TelemetryFlooder flooder = new Qos1TelemetryFlooder(device, client,
                receiveMaximum == null ? 65_535 : receiveMaximum);
        flooder.thread.start();
        return flooder;
    }

    private void flood() {
        String topic = "devices/" + device + "/telemetry";
        MqttActionListener released = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acknowledged.incrementAndGet();
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                window.release();
            }
        };
        try {
            while (running && client.isConnected()) {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                MqttMessage reading = new MqttMessage(READING);
                reading.setQos(1);
                client.publish(topic, reading, null, released);
            }
        } catch (MqttException stopped) {
            // the connection is gone: connected() says so
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return device + " (QoS 1, Paho)";
    }

    @Override
    public long accepted() {
        return acknowledged.get();
    }

    @Override
    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(2_000);
            }
            client.close(true);
        } catch (MqttException | InterruptedException e) {
            throw new IllegalStateException(device + " did not close", e);
        }
    }
}
