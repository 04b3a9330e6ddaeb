package dev.reddot.protocol.security;

/** {@code reddot.security.mode}. */
public enum SecurityMode {

    /** Anyone who reaches a port may do anything: for a machine of one's own, so only on loopback addresses. */
    OPEN,
    /** Every MQTT connection and HTTP request carries a token ({@link AccessTokens}). */
    TOKEN
}
