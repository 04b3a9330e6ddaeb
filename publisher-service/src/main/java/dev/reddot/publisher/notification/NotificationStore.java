package dev.reddot.publisher.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import dev.reddot.publisher.unread.Audience;

/** The {@code notification} table. Ids grow with time, so "newest first" is "highest id first". */
@Repository
class NotificationStore {

    private static final String COLUMNS = "id, user_id, title, body, category, created_at, is_read";
    private static final RowMapper<Notification> NOTIFICATION = (rs, row) -> new Notification(rs.getLong(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)),
            rs.getBoolean(7));

    private final JdbcClient jdbc;

    NotificationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Notification insert(String userId, NewNotification content, long createdAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO notification (user_id, title, body, category, created_at, is_read) VALUES (?, ?, ?, ?, ?, FALSE)")
                .params(userId, content.title(), content.body(), content.category(), createdAt)
                .update(key, "id");
        return new Notification(key.getKey().longValue(), userId, content.title(), content.body(), content.category(),
                Instant.ofEpochMilli(createdAt), false);
    }

    /** One notification for each user of the audience; returns how many were stored. */
    int insertForAll(Audience audience, NewNotification content, long createdAt) {
        return audience.bind(jdbc.sql("INSERT INTO notification (user_id, title, body, category, created_at, is_read)"
                        + " SELECT user_id, :batchTitle, :batchBody, :batchCategory, :batchCreatedAt, FALSE"
                        + " FROM unread_count WHERE " + audience.condition()))
                .param("batchTitle", content.title())
                .param("batchBody", content.body())
                .param("batchCategory", content.category())
                .param("batchCreatedAt", createdAt)
                .update();
    }

    Optional<Notification> find(String userId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE id = ? AND user_id = ?")
                .params(id, userId)
                .query(NOTIFICATION)
                .optional();
    }

    /** Returns whether the notification was unread (and is read now). */
    boolean markRead(String userId, long id) {
        return jdbc.sql("UPDATE notification SET is_read = TRUE WHERE id = ? AND user_id = ? AND is_read = FALSE")
                .params(id, userId)
                .update() == 1;
    }

    void markAllRead(String userId) {
        jdbc.sql("UPDATE notification SET is_read = TRUE WHERE user_id = ? AND is_read = FALSE")
                .param(userId)
                .update();
    }

    List<Notification> newestFirst(String userId, boolean unreadOnly, long offset, int limit) {
        String unread = unreadOnly ? " AND is_read = FALSE" : "";
        return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE user_id = ?" + unread
                        + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(userId, limit, offset)
                .query(NOTIFICATION)
                .list();
    }
}
