package dev.reddot.protocol.security;

import dev.reddot.protocol.Ids;

/**
 * Which topics a token's subject may subscribe to and publish to (shared/CONTRACT.md, Security). The same rules for
 * the broker's authorizer and for the answers it gives. A user or device token whose subject is not a valid id
 * (shared/CONTRACT.md, ids) may do nothing.
 */
public final class TopicAccess {

    private TopicAccess() {
    }

    /**
     * A user may subscribe to their own unread count only, exactly: no wildcard, which could reach other users'. A
     * device may subscribe under its own {@code devices/{sub}/}. An admin to anything.
     */
    public static boolean maySubscribe(AccessToken token, String filter) {
        if (token.scope() != Scope.ADMIN && !Ids.isValid(token.subject())) {
            return false;
        }
        return switch (token.scope()) {
            case ADMIN -> true;
            case USER -> filter.equals("/message/" + token.subject());
            case DEVICE -> isUnder(filter, devicePrefix(token)) && !filter.contains("#") && !filter.contains("+");
        };
    }

    /** A device may publish under its own {@code devices/{sub}/}; a user may publish nothing; an admin anything. */
    public static boolean mayPublish(AccessToken token, String topic) {
        if (token.scope() != Scope.ADMIN && !Ids.isValid(token.subject())) {
            return false;
        }
        return switch (token.scope()) {
            case ADMIN -> true;
            case USER -> false;
            case DEVICE -> isUnder(topic, devicePrefix(token));
        };
    }

    private static String devicePrefix(AccessToken token) {
        return "devices/" + token.subject() + "/";
    }

    private static boolean isUnder(String topic, String prefix) {
        return topic.startsWith(prefix) && topic.length() > prefix.length();
    }
}
