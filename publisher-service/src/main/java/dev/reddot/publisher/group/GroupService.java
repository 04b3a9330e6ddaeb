package dev.reddot.publisher.group;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.reddot.protocol.Ids;
import dev.reddot.publisher.notification.FanOut;
import dev.reddot.publisher.notification.NewNotification;
import dev.reddot.publisher.unread.Audience;
import dev.reddot.publisher.unread.UnreadCounter;

/** Group membership, and notifications for a group's members or for every known user. */
@Service
class GroupService {

    private final GroupStore store;
    private final UnreadCounter counter;
    private final FanOut fanOut;

    GroupService(GroupStore store, UnreadCounter counter, FanOut fanOut) {
        this.store = store;
        this.counter = counter;
        this.fanOut = fanOut;
    }

    /** A member is a known user: broadcasts reach them even before their first notification. */
    @Transactional
    public void join(String groupId, String userId) {
        Ids.requireValid(groupId);
        counter.register(userId);
        store.add(groupId, userId);
    }

    @Transactional
    public void leave(String groupId, String userId) {
        Ids.requireValid(groupId);
        counter.lockIfKnown(userId);
        store.remove(groupId, userId);
    }

    public int notifyMembers(String groupId, NewNotification content) {
        Ids.requireValid(groupId);
        return fanOut.deliver(content, GroupStore.members(groupId));
    }

    public int broadcast(NewNotification content) {
        return fanOut.deliver(content, Audience.EVERYONE);
    }
}
