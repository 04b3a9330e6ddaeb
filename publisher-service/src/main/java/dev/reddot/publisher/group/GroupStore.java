package dev.reddot.publisher.group;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.reddot.publisher.unread.Audience;

/** The {@code group_member} table: which users belong to which group. */
@Repository
class GroupStore {

    private final JdbcClient jdbc;

    GroupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String groupId, String userId) {
        jdbc.sql("INSERT INTO group_member (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(groupId, userId)
                .update();
    }

    void remove(String groupId, String userId) {
        jdbc.sql("DELETE FROM group_member WHERE group_id = ? AND user_id = ?").params(groupId, userId).update();
    }

    /** The members of a group, for a fan-out. */
    static Audience members(String groupId) {
        return new Audience("user_id IN (SELECT user_id FROM group_member WHERE group_id = :group)",
                Map.of("group", groupId));
    }
}
