package dev.reddot.publisher.unread;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.reddot.protocol.CountEvent;

/** The {@code unread_count} table: one row per user with its count, seq and time of change. */
@Repository
class UnreadCountStore {

    private final JdbcClient jdbc;

    UnreadCountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CountEvent> find(String userId) {
        return jdbc.sql("SELECT user_id, unread, seq, changed_at FROM unread_count WHERE user_id = ?")
                .param(userId)
                .query((rs, row) -> new CountEvent(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .optional();
    }

    /**
     * Sets the count and advances seq. Must run in a transaction: the row lock taken by the update keeps
     * concurrent changes of one user in seq order until the caller has published.
     */
    CountEvent set(String userId, long count, long ts) {
        if (update(userId, count, ts) == 0) {
            try {
                jdbc.sql("INSERT INTO unread_count (user_id, unread, seq, changed_at) VALUES (?, ?, 1, ?)")
                        .params(userId, count, ts)
                        .update();
            } catch (DuplicateKeyException concurrentFirstChange) {
                update(userId, count, ts);
            }
        }
        return find(userId).orElseThrow();
    }

    private int update(String userId, long count, long ts) {
        return jdbc.sql("UPDATE unread_count SET unread = ?, seq = seq + 1, changed_at = ? WHERE user_id = ?")
                .params(count, ts, userId)
                .update();
    }
}
