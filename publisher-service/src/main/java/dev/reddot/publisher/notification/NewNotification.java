package dev.reddot.publisher.notification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a notification says: the body of every request that creates notifications, for one user, a group or
 * everybody.
 *
 * @param title    required, at most 200 characters
 * @param body     optional, at most 4,000 characters
 * @param category optional, at most 64 characters, for clients to group or style notifications
 */
public record NewNotification(@NotBlank @Size(max = 200) String title, @Size(max = 4000) String body,
                              @Size(max = 64) String category) {
}
