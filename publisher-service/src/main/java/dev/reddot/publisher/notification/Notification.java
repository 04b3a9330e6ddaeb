package dev.reddot.publisher.notification;

import java.time.Instant;

/** A stored notification, as the API answers it. */
public record Notification(long id, String userId, String title, String body, String category, Instant createdAt,
                           boolean read) {
}
