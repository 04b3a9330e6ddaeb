package dev.reddot.gateway.hub;

/** A connection the hub refused because the gateway, or its user, already holds as many as allowed. */
public class ConnectionLimitException extends RuntimeException {

    ConnectionLimitException(String message) {
        super(message);
    }
}
