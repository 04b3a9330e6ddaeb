package dev.reddot.broker.conformance;

/**
 * What a broker under test is configured to refuse to an anonymous client: the authorization checks need a topic
 * that such a client may neither subscribe to nor publish to.
 *
 * @param forbiddenTopic a topic (no wildcards) refused for reading and writing
 */
record AccessRules(String forbiddenTopic) {

    AccessRules {
        if (forbiddenTopic.isEmpty() || forbiddenTopic.contains("+") || forbiddenTopic.contains("#")) {
            throw new IllegalArgumentException("A forbidden topic is a plain topic name: " + forbiddenTopic);
        }
    }
}
