package dev.reddot.protocol.security;

import dev.reddot.protocol.Ids;

/**
 * Which topics a token's subject may subscribe to and publish to (shared/CONTRACT.md, Security). The same rules for
 * the broker's authorizer and for the answers it gives. A user or device token whose subject is not a valid id
 * (shared/CONTRACT.md, ids) may do nothing.
 */
public final class TopicAccess {

    private static final String SHARED = "$share/";

    private TopicAccess() {
    }

    /**
     * A user may subscribe to their own unread count only, exactly: no wildcard, which could reach other users'. A
     * device may subscribe under its own {@code devices/{sub}/}. An admin to anything. A shared subscription
     * ({@code $share/{name}/{filter}}) is judged by its filter.
     */
    public static boolean maySubscribe(AccessToken token, String filter) {
        return maySubscribe(token.scope(), token.subject(), filter);
    }

    /** {@link #maySubscribe(AccessToken, String)} for a subject whose token was verified earlier. */
    public static boolean maySubscribe(Scope scope, String subject, String filter) {
        if (scope != Scope.ADMIN && !Ids.isValid(subject)) {
            return false;
        }
        String judged = filterOf(filter);
        return switch (scope) {
            case ADMIN -> true;
            case USER -> judged.equals("/message/" + subject);
            case DEVICE -> isUnder(judged, devicePrefix(subject)) && !judged.contains("#") && !judged.contains("+");
        };
    }

    /** A device may publish under its own {@code devices/{sub}/}; a user may publish nothing; an admin anything. */
    public static boolean mayPublish(AccessToken token, String topic) {
        return mayPublish(token.scope(), token.subject(), topic);
    }

    /** {@link #mayPublish(AccessToken, String)} for a subject whose token was verified earlier. */
    public static boolean mayPublish(Scope scope, String subject, String topic) {
        if (scope != Scope.ADMIN && !Ids.isValid(subject)) {
            return false;
        }
        return switch (scope) {
            case ADMIN -> true;
            case USER -> false;
            case DEVICE -> isUnder(topic, devicePrefix(subject));
        };
    }

    /** The filter a subscription reaches: for {@code $share/{name}/{filter}} the part after the share name. */
    private static String filterOf(String filter) {
        if (!filter.startsWith(SHARED)) {
            return filter;
        }
        int end = filter.indexOf('/', SHARED.length());
        // a shared subscription without a filter reaches nothing; "" matches no rule
        return end < 0 ? "" : filter.substring(end + 1);
    }

    private static String devicePrefix(String subject) {
        return "devices/" + subject + "/";
    }

    private static boolean isUnder(String topic, String prefix) {
        return topic.startsWith(prefix) && topic.length() > prefix.length();
    }
}
