package dev.reddot.protocol;

/**
 * A user's unread count at one moment: what every transport delivers.
 *
 * @param userId whose count it is
 * @param count  the unread count, never negative
 * @param seq    per-user sequence number; a larger seq is a newer count, 0 means "never set"
 * @param ts     epoch milliseconds of the change, 0 when never set
 */
public record CountEvent(String userId, long count, long seq, long ts) {

    public CountEvent {
        Ids.requireValid(userId);
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
    }

    /** The state of a user nobody has set a count for yet. */
    public static CountEvent initial(String userId) {
        return new CountEvent(userId, 0, 0, 0);
    }

    public boolean isNewerThan(CountEvent other) {
        return other == null || seq > other.seq;
    }

    /** The MQTT payload: the count as decimal text. */
    public String payload() {
        return Long.toString(count);
    }

    /**
     * The JSON form of the contract, {@code {"userId":"alice","count":3,"seq":7,"ts":1732280000000}}.
     * Ids never need escaping, which keeps this free of a JSON library.
     */
    public String toJson() {
        return "{\"userId\":\"" + userId + "\",\"count\":" + count + ",\"seq\":" + seq + ",\"ts\":" + ts + "}";
    }
}
