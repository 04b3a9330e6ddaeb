package dev.reddot.publisher.notification;

import java.util.List;

/** One page of a user's notifications, newest first; {@code hasMore} says whether a next page has any. */
public record NotificationPage(List<Notification> notifications, int page, int size, boolean hasMore) {
}
