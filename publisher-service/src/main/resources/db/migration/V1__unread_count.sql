-- One counter per user. seq only grows: subscribers use it to drop stale and duplicate counts.
CREATE TABLE unread_count (
    user_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    unread     BIGINT      NOT NULL,
    seq        BIGINT      NOT NULL,
    changed_at BIGINT      NOT NULL
);
