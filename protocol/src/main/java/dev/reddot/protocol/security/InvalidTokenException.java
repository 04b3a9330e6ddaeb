package dev.reddot.protocol.security;

/** A token that cannot be trusted: missing, malformed, forged, expired or without the claims Reddot needs. */
public class InvalidTokenException extends Exception {

    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
