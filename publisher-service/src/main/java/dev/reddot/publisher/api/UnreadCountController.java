package dev.reddot.publisher.api;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.reddot.protocol.CountEvent;
import dev.reddot.publisher.mqtt.Delivery;
import dev.reddot.publisher.mqtt.PublishProperties;
import dev.reddot.publisher.unread.UnreadCountService;

@RestController
@RequestMapping("/api/users/{userId}/unread-count")
class UnreadCountController {

    private final UnreadCountService unreadCounts;
    private final PublishProperties publishing;

    UnreadCountController(UnreadCountService unreadCounts, PublishProperties publishing) {
        this.unreadCounts = unreadCounts;
        this.publishing = publishing;
    }

    @GetMapping
    CountEvent get(@PathVariable String userId) {
        return unreadCounts.current(userId);
    }

    @PutMapping
    PublishedCount set(@PathVariable String userId, @Valid @RequestBody SetUnreadCountRequest request) {
        Delivery delivery = publishing.deliveryOf(request.qos(), request.retain());
        return PublishedCount.of(unreadCounts.set(userId, request.count(), delivery), delivery);
    }
}
