package dev.reddot.protocol;

/** A user or device id that breaks {@link Ids#RULE}. */
public class InvalidIdException extends IllegalArgumentException {

    private final String id;

    public InvalidIdException(String id) {
        super("Invalid id '" + abbreviate(id) + "': expected " + Ids.RULE);
        this.id = id;
    }

    public String id() {
        return id;
    }

    private static String abbreviate(String id) {
        if (id == null) {
            return "null";
        }
        return id.length() <= Ids.MAX_LENGTH + 16 ? id : id.substring(0, Ids.MAX_LENGTH + 16) + "…";
    }
}
