package dev.reddot.publisher.outbox;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.reddot.protocol.CountEvent;
import dev.reddot.publisher.mqtt.Delivery;
import dev.reddot.publisher.mqtt.Publication;
import dev.reddot.publisher.unread.Audience;

/** The {@code count_outbox} table: counts to publish, written in the same transaction as the change. */
@Repository
public class CountOutbox {

    /** Ids in one {@code IN} list: H2 checks each row it finds against the whole list (n², as in UnreadCountStore). */
    private static final int DELETE_CHUNK = 100;
    private static final int INSERT_CHUNK = 5_000;

    private final JdbcClient jdbc;
    private final RelayWakeUp relay;

    CountOutbox(JdbcClient jdbc, RelayWakeUp relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    /** Queues counts for publication; they are published only if the caller's transaction commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(List<CountEvent> events, Delivery delivery) {
        // six parameters a row; PostgreSQL takes at most 65,535 in one statement
        for (int from = 0; from < events.size(); from += INSERT_CHUNK) {
            jdbc.sql("INSERT INTO count_outbox (user_id, unread, seq, changed_at, qos, retain) VALUES :rows")
                    .param("rows", events.subList(from, Math.min(events.size(), from + INSERT_CHUNK)).stream()
                            .map(event -> new Object[] {event.userId(), event.count(), event.seq(), event.ts(),
                                    delivery.qos(), delivery.retain()})
                            .toList())
                    .update();
        }
        wakeRelayAfterCommit();
    }

    /** Queues the current counts of the audience's users, as {@link #append} does. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendCountsOf(Audience audience, Delivery delivery) {
        audience.bind(jdbc.sql("INSERT INTO count_outbox (user_id, unread, seq, changed_at, qos, retain)"
                        + " SELECT user_id, unread, seq, changed_at, :batchQos, :batchRetain FROM unread_count WHERE "
                        + audience.condition()))
                .param("batchQos", delivery.qos())
                .param("batchRetain", delivery.retain())
                .update();
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }

    /** Serializes relays of all instances sharing the database, until the caller's transaction ends. */
    void lockRelay() {
        jdbc.sql("SELECT id FROM outbox_relay WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    List<PendingCount> oldest(int limit) {
        return jdbc.sql("SELECT id, user_id, unread, seq, changed_at, qos, retain FROM count_outbox ORDER BY id LIMIT ?")
                .param(limit)
                .query((rs, row) -> new PendingCount(rs.getLong(1), new Publication(
                        new CountEvent(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                        new Delivery(rs.getInt(6), rs.getBoolean(7)))))
                .list();
    }

    void remove(List<PendingCount> published) {
        List<Long> ids = published.stream().map(PendingCount::id).toList();
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            jdbc.sql("DELETE FROM count_outbox WHERE id IN (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK)))
                    .update();
        }
    }

    /** Every user's current count if it last changed in [{@code from}, {@code to}) (epoch ms), oldest change first. */
    List<CountEvent> countsChangedBetween(long from, long to) {
        return jdbc.sql("SELECT user_id, unread, seq, changed_at FROM unread_count"
                        + " WHERE changed_at >= ? AND changed_at < ? AND seq > 0 ORDER BY changed_at")
                .param(from)
                .param(to)
                .query((rs, row) -> new CountEvent(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    public long size() {
        return jdbc.sql("SELECT COUNT(*) FROM count_outbox").query(Long.class).single();
    }
}
