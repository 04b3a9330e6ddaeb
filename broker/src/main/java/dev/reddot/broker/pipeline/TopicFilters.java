package dev.reddot.broker.pipeline;

/** MQTT topic filter matching (MQTT 5 4.7). */
final class TopicFilters {

    private TopicFilters() {
    }

    /**
     * Whether {@code filter} matches {@code topic}: {@code +} one level, {@code #} any number of levels (the parent
     * included); a filter starting with a wildcard does not match a topic starting with {@code $} [MQTT-4.7.2-1].
     */
    static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] filterLevels = filter.split("/", -1);
        String[] topicLevels = topic.split("/", -1);
        for (int i = 0; i < filterLevels.length; i++) {
            if (filterLevels[i].equals("#")) {
                return true;
            }
            if (i >= topicLevels.length) {
                return false;
            }
            if (!filterLevels[i].equals("+") && !filterLevels[i].equals(topicLevels[i])) {
                return false;
            }
        }
        return filterLevels.length == topicLevels.length;
    }

    /**
     * Whether {@code filter} is a topic filter Moquette accepts: not empty, {@code #} only as the whole last level,
     * {@code +} only as a whole level [MQTT-4.7.1-1, -2].
     */
    static boolean isValid(String filter) {
        if (filter.isEmpty()) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean multi = level.contains("#");
            boolean single = level.contains("+");
            if (multi && (!level.equals("#") || i != levels.length - 1) || single && !level.equals("+")) {
                return false;
            }
        }
        return true;
    }
}
