package dev.reddot.publisher.mqtt;

/** The broker did not acknowledge a count: it stays pending and is published again later. */
public class CountNotPublishedException extends RuntimeException {

    CountNotPublishedException(String message, Throwable cause) {
        super("Count not published: " + message, cause);
    }
}
