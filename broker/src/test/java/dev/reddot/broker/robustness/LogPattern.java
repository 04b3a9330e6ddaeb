package dev.reddot.broker.robustness;

import java.util.regex.Pattern;

/** Recognises a group of broker log lines by its message pattern and, optionally, its exception chain. */
record LogPattern(Pattern message, Pattern cause) {

    /** What Moquette's NewNettyMQTTHandler logs whenever an exception reaches it, before closing the channel. */
    static final String CHANNEL_CLOSED_ON_EXCEPTION = "^Unexpected exception while processing MQTT message\\. Closing Netty channel";

    static LogPattern message(String messageRegex) {
        return new LogPattern(Pattern.compile(messageRegex), Pattern.compile(""));
    }

    static LogPattern messageAndCause(String messageRegex, String causeRegex) {
        return new LogPattern(Pattern.compile(messageRegex), Pattern.compile(causeRegex));
    }

    boolean matches(BrokerLogCapture.LogGroup group) {
        return message.matcher(group.pattern()).find() && cause.matcher(group.cause()).find();
    }
}
