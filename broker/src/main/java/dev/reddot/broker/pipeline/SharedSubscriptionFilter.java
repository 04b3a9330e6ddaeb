package dev.reddot.broker.pipeline;

import io.netty.handler.codec.mqtt.MqttTopicSubscription;

/** The rules of {@code $share/{ShareName}/{filter}} [MQTT-4.8.2-1], [MQTT-4.8.2-2]. */
final class SharedSubscriptionFilter {

    private static final String PREFIX = "$share/";

    private SharedSubscriptionFilter() {
    }

    static boolean isShared(MqttTopicSubscription subscription) {
        return subscription.topicFilter().startsWith(PREFIX);
    }

    /** What is wrong with the filter if it is a malformed shared one, else null. */
    static String problemWith(MqttTopicSubscription subscription) {
        String filter = subscription.topicFilter();
        if (!isShared(subscription)) {
            return null;
        }
        int end = filter.indexOf('/', PREFIX.length());
        if (end < 0) {
            return "no topic filter after the ShareName";
        }
        String shareName = filter.substring(PREFIX.length(), end);
        if (shareName.isEmpty() || shareName.contains("+") || shareName.contains("#")) {
            return "the ShareName must be at least one character and hold no wildcard";
        }
        if (!isValidFilter(filter.substring(end + 1))) {
            return "the topic filter after the ShareName is not valid";
        }
        return null;
    }

    private static boolean isValidFilter(String filter) {
        if (filter.isEmpty()) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return false;
            }
            if (level.contains("+") && !level.equals("+")) {
                return false;
            }
        }
        return true;
    }
}
