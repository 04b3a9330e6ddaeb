package dev.reddot.broker.conformance;

import java.util.UUID;

/** Fresh topic and client names, so that checks never see each other's sessions or retained messages. */
final class Names {

    private Names() {
    }

    /** A topic prefix of its own, e.g. {@code conformance/3f2a9c1e}. */
    static String topic() {
        return "conformance/" + random();
    }

    static String clientId() {
        return "conformance-" + random();
    }

    static String random() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
