package dev.reddot.publisher.unread;

import dev.reddot.protocol.Ids;

/**
 * One change of one user's count, as a bulk request gives it: set to a value, or moved by a signed amount. A count
 * stays within 0..{@value #MAX_COUNT}.
 */
public sealed interface CountChange {

    /** The largest count, and the largest amount an increment may move a count by. */
    long MAX_COUNT = Integer.MAX_VALUE;

    String userId();

    /** The count after this change of {@code current}. */
    long applyTo(long current);

    /** Sets the count to {@code count}, 0..{@value #MAX_COUNT}. */
    record SetCount(String userId, long count) implements CountChange {

        public SetCount {
            Ids.requireValid(userId);
            if (count < 0 || count > MAX_COUNT) {
                throw new IllegalArgumentException("count must be 0.." + MAX_COUNT + ": " + count);
            }
        }

        @Override
        public long applyTo(long current) {
            return count;
        }
    }

    /**
     * Adds {@code delta} (-{@value #MAX_COUNT}..{@value #MAX_COUNT}) to the count, clamped to 0..{@value #MAX_COUNT}:
     * like a notification read at 0, a change that would cross a bound stops at it.
     */
    record Increment(String userId, long delta) implements CountChange {

        public Increment {
            Ids.requireValid(userId);
            if (delta < -MAX_COUNT || delta > MAX_COUNT) {
                throw new IllegalArgumentException("increment must be -" + MAX_COUNT + ".." + MAX_COUNT + ": " + delta);
            }
        }

        @Override
        public long applyTo(long current) {
            // notifications alone may have taken a count past MAX_COUNT: an increment never lowers it
            return Math.max(0, Math.min(Math.max(current, MAX_COUNT), current + delta));
        }
    }
}
