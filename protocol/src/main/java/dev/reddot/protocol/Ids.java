package dev.reddot.protocol;

import java.util.regex.Pattern;

/**
 * The one rule for user and device ids: 1 to 64 characters of {@code A-Z a-z 0-9 _ . @ -}.
 * Keeping MQTT wildcards and separators out of ids is what makes {@code /message/{userId}} safe to build.
 */
public final class Ids {

    public static final int MAX_LENGTH = 64;

    /** Human-readable form of the rule, for error messages. */
    public static final String RULE = "1 to 64 characters of A-Z a-z 0-9 _ . @ -";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.@-]{1," + MAX_LENGTH + "}");

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** Returns the id unchanged, or throws {@link InvalidIdException} naming the rule. */
    public static String requireValid(String id) {
        if (!isValid(id)) {
            throw new InvalidIdException(id);
        }
        return id;
    }
}
