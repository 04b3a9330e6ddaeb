package dev.reddot.protocol;

import java.util.Optional;

/** MQTT topic names and filters, in one place. */
public final class Topics {

    private static final String UNREAD_COUNT_PREFIX = "/message/";
    private static final String DEVICES_PREFIX = "devices/";

    /** Every user's unread count: what a gateway subscribes to in {@code wildcard} mode. */
    public static final String ALL_UNREAD_COUNTS = UNREAD_COUNT_PREFIX + "+";

    /**
     * Where a gateway asks, once subscribed, for current counts to be published again (every count, or those of the
     * users it names: {@link ResyncRequest}): for clusters that keep retained messages per node only. Every publisher
     * answers it.
     */
    public static final String RESYNC_REQUESTS = "reddot/resync";

    private Topics() {
    }

    /** {@code /message/{userId}}: the retained unread count of one user. */
    public static String unreadCount(String userId) {
        return UNREAD_COUNT_PREFIX + Ids.requireValid(userId);
    }

    /** The user id of an unread-count topic, or empty when the topic is not one (or carries a bad id). */
    public static Optional<String> userIdOf(String topic) {
        if (topic == null || !topic.startsWith(UNREAD_COUNT_PREFIX)) {
            return Optional.empty();
        }
        String userId = topic.substring(UNREAD_COUNT_PREFIX.length());
        return Ids.isValid(userId) ? Optional.of(userId) : Optional.empty();
    }

    /**
     * The device whose topics this one is among ({@code devices/{deviceId}/…}, at least one level below the device),
     * or empty when it is no device's topic.
     */
    public static Optional<String> deviceIdOf(String topic) {
        if (topic == null || !topic.startsWith(DEVICES_PREFIX)) {
            return Optional.empty();
        }
        int end = topic.indexOf('/', DEVICES_PREFIX.length());
        if (end < 0 || end == topic.length() - 1) {
            return Optional.empty();
        }
        String deviceId = topic.substring(DEVICES_PREFIX.length(), end);
        return Ids.isValid(deviceId) ? Optional.of(deviceId) : Optional.empty();
    }

    /** {@code devices/{deviceId}/telemetry}: sensor readings. */
    public static String telemetry(String deviceId) {
        return DEVICES_PREFIX + Ids.requireValid(deviceId) + "/telemetry";
    }

    /** {@code devices/{deviceId}/alerts}: alerts that become notifications for the device's owner. */
    public static String alerts(String deviceId) {
        return DEVICES_PREFIX + Ids.requireValid(deviceId) + "/alerts";
    }
}
