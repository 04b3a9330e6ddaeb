package dev.reddot.publisher.api;

import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.reddot.protocol.CountEvent;
import dev.reddot.publisher.mqtt.Delivery;
import dev.reddot.publisher.mqtt.PublishProperties;
import dev.reddot.publisher.unread.UnreadCountService;

/**
 * {@code POST /api/counts}: many users' counts set or moved at once, for back-ends that change them in bulk. All or
 * nothing: a request with one bad value changes nothing, a valid one commits in one transaction.
 */
@RestController
class BulkCountController {

    static final String PATH = "/api/counts";

    private final UnreadCountService unreadCounts;
    private final PublishProperties publishing;
    private final int maxChanges;

    BulkCountController(UnreadCountService unreadCounts, PublishProperties publishing, ApiProperties properties) {
        this.unreadCounts = unreadCounts;
        this.publishing = publishing;
        this.maxChanges = properties.maxBulkChanges();
    }

    @PostMapping(PATH)
    PublishedCounts apply(@RequestBody BulkCountRequest request) {
        if (request.changes() != null && request.changes().size() > maxChanges) {
            throw new TooManyChangesException(request.changes().size(), maxChanges);
        }
        List<ChangeError> errors = request.errors();
        if (!errors.isEmpty()) {
            throw new InvalidChangesException(errors);
        }
        Delivery delivery = publishing.deliveryOf(request.qos(), request.retain());
        List<CountEvent> events = unreadCounts.applyAll(request.toChanges(), delivery);
        return new PublishedCounts(events.stream().map(event -> PublishedCount.of(event, delivery)).toList());
    }
}
