package dev.reddot.protocol;

/** Names of the MQTT 5 properties that travel with an unread count. */
public final class CountProperties {

    /** User property: per-user sequence number, strictly increasing across restarts. */
    public static final String SEQ = "seq";

    /** User property: epoch milliseconds of the change. */
    public static final String TS = "ts";

    /** Prefix of the user properties Reddot's own parts mark messages with, such as the broker's markers. */
    public static final String INTERNAL_PREFIX = "reddot.";

    /** Content type of the payload: the count as UTF-8 decimal text. */
    public static final String CONTENT_TYPE = "text/plain";

    private CountProperties() {
    }

    /** Whether a user property is Reddot's own ({@code seq}, {@code ts}, {@code reddot.*}): only an admin may set it. */
    public static boolean isReserved(String name) {
        return SEQ.equals(name) || TS.equals(name) || name.startsWith(INTERNAL_PREFIX);
    }
}
