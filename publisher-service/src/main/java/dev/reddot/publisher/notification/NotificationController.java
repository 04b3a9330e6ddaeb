package dev.reddot.publisher.notification;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.reddot.protocol.CountEvent;

@RestController
@RequestMapping("/api/users/{userId}/notifications")
class NotificationController {

    static final int MAX_PAGE_SIZE = 100;

    private final NotificationService notifications;

    NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @PostMapping
    ResponseEntity<Notification> create(@PathVariable String userId, @Valid @RequestBody NewNotification content) {
        Notification created = notifications.create(userId, content);
        return ResponseEntity.created(URI.create("/api/users/" + userId + "/notifications/" + created.id())).body(created);
    }

    @GetMapping
    NotificationPage list(@PathVariable String userId,
                          @RequestParam(defaultValue = "false") boolean unread,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        return notifications.page(userId, unread, page, size);
    }

    @PostMapping("/{id}/read")
    Notification markRead(@PathVariable String userId, @PathVariable long id) {
        return notifications.markRead(userId, id);
    }

    @PostMapping("/read-all")
    CountEvent readAll(@PathVariable String userId) {
        return notifications.readAll(userId);
    }
}
