package dev.reddot.publisher.group;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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

    List<String> membersAfter(String groupId, String after, int limit) {
        return jdbc.sql("SELECT user_id FROM group_member WHERE group_id = ? AND user_id > ? ORDER BY user_id LIMIT ?")
                .params(groupId, after, limit)
                .query(String.class)
                .list();
    }
}
