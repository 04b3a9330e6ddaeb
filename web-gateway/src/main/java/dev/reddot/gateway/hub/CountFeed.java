package dev.reddot.gateway.hub;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The hub's seam to where counts come from: it follows a user while it serves them and lets go after the linger.
 * Implementations must not block and must not call back into the hub from these methods: the hub calls them while it
 * holds the user's entry, so that a user's follow and unfollow reach the feed in the order they happened.
 */
public interface CountFeed {

    /** A feed of every user's counts, whatever is followed (a wildcard subscription, or a hub alone in a test). */
    CountFeed EVERY_USER = new CountFeed() {
        @Override
        public void follow(String userId) {
        }

        @Override
        public void unfollow(String userId) {
        }

        @Override
        public boolean carriesEveryUser() {
            return true;
        }
    };

    /** Starts sending the user's counts to the hub, beginning with the current one if there is one. */
    void follow(String userId);

    /** Stops sending the user's counts; a few may still arrive, and the hub drops them. */
    void unfollow(String userId);

    /**
     * Whether the feed is connected to where the counts come from now: while it is not, a newly followed user's count
     * is not missing but late, and the hub waits for it rather than deciding the user has none.
     */
    default boolean connected() {
        return true;
    }

    /**
     * How long the feed has followed the user on its current connection: since the broker confirmed the subscription,
     * after which a count it holds for the user (a retained message) comes at once. Empty while the feed is
     * disconnected or the confirmation is still to come: the user's count is then not missing but late.
     */
    default Optional<Duration> followedFor(String userId) {
        return connected() ? Optional.of(ChronoUnit.FOREVER.getDuration()) : Optional.empty();
    }

    /**
     * Whether counts of every user arrive whether followed or not: the hub then keeps every user it hears of and
     * knows each current count at once.
     */
    default boolean carriesEveryUser() {
        return false;
    }
}
