package dev.reddot.simulator.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * A PUBLISH the broker delivered.
 *
 * @param receivedNanos {@link System#nanoTime()} when it was decoded, for latency figures
 */
public record ReceivedMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate,
                              long receivedNanos) {

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
