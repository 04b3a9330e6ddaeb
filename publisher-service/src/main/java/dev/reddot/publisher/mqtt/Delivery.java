package dev.reddot.publisher.mqtt;

/**
 * How a count is published.
 *
 * @param qos    MQTT QoS 0, 1 or 2
 * @param retain whether the broker keeps it for later subscribers
 */
public record Delivery(int qos, boolean retain) {

    public Delivery {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2: " + qos);
        }
    }
}
