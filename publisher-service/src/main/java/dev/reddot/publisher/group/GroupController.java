package dev.reddot.publisher.group;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.reddot.publisher.notification.NewNotification;

/**
 * Groups and broadcasts. Notifying answers 202 once every recipient's notification is stored and their new
 * count is queued in the outbox; the counts reach the broker moments later.
 */
@RestController
class GroupController {

    private final GroupService groups;

    GroupController(GroupService groups) {
        this.groups = groups;
    }

    @PutMapping("/api/groups/{groupId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void join(@PathVariable String groupId, @PathVariable String userId) {
        groups.join(groupId, userId);
    }

    @DeleteMapping("/api/groups/{groupId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(@PathVariable String groupId, @PathVariable String userId) {
        groups.leave(groupId, userId);
    }

    @PostMapping("/api/groups/{groupId}/notifications")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Recipients notifyMembers(@PathVariable String groupId, @Valid @RequestBody NewNotification content) {
        return new Recipients(groups.notifyMembers(groupId, content));
    }

    @PostMapping("/api/broadcasts")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Recipients broadcast(@Valid @RequestBody NewNotification content) {
        return new Recipients(groups.broadcast(content));
    }
}
