package dev.reddot.protocol;

/** Names of the MQTT 5 properties that travel with an unread count. */
public final class CountProperties {

    /** User property: per-user sequence number, strictly increasing across restarts. */
    public static final String SEQ = "seq";

    /** User property: epoch milliseconds of the change. */
    public static final String TS = "ts";

    /** Content type of the payload: the count as UTF-8 decimal text. */
    public static final String CONTENT_TYPE = "text/plain";

    private CountProperties() {
    }
}
