package dev.reddot.publisher.mqtt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.publish.*}: how counts are published when a request does not say.
 *
 * @param defaultQos    QoS used when a request gives none
 * @param defaultRetain retain flag used when a request gives none
 */
@ConfigurationProperties("reddot.publish")
public record PublishProperties(@DefaultValue("1") int defaultQos, @DefaultValue("true") boolean defaultRetain) {

    public PublishProperties {
        new Delivery(defaultQos, defaultRetain);
    }

    public Delivery deliveryOf(Integer qos, Boolean retain) {
        return new Delivery(qos != null ? qos : defaultQos, retain != null ? retain : defaultRetain);
    }
}
