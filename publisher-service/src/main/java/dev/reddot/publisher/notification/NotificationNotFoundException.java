package dev.reddot.publisher.notification;

/** No notification with this id belongs to this user. */
public class NotificationNotFoundException extends RuntimeException {

    NotificationNotFoundException(String userId, long id) {
        super("User " + userId + " has no notification " + id);
    }
}
