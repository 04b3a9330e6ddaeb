package dev.reddot.publisher.unread;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.reddot.protocol.CountEvent;

/**
 * The {@code unread_count} table: one row per known user with its count, seq and time of change. A row with
 * seq 0 is a user nobody has counted for yet.
 */
@Repository
class UnreadCountStore {

    private static final RowMapper<CountEvent> EVENT =
            (rs, row) -> new CountEvent(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));

    /**
     * Ids in one {@code IN} list. H2 checks every row it finds against the whole list (n ids, n² comparisons): 1,000
     * ids in one list cost more than the rows' own writes, 100 ids in ten lists a tenth of that.
     */
    private static final int IDS_PER_STATEMENT = 100;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    UnreadCountStore(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    Optional<CountEvent> find(String userId) {
        return jdbc.sql("SELECT user_id, unread, seq, changed_at FROM unread_count WHERE user_id = ?")
                .param(userId)
                .query(EVENT)
                .optional();
    }

    /** Adds a row for the user unless there is one; safe against a concurrent first change. */
    void ensureExists(String userId) {
        jdbc.sql("INSERT INTO unread_count (user_id, unread, seq, changed_at) VALUES (?, 0, 0, 0) ON CONFLICT DO NOTHING")
                .param(userId)
                .update();
    }

    /**
     * Locks the rows of these users until the transaction ends, in user id order, adding those unknown so far;
     * returns their counts.
     */
    List<CountEvent> lockAll(SortedSet<String> userIds) {
        List<CountEvent> locked = lockExisting(List.copyOf(userIds));
        if (locked.size() == userIds.size()) {
            return locked;
        }
        Set<String> unknown = new TreeSet<>(userIds);
        locked.forEach(event -> unknown.remove(event.userId()));
        for (List<String> chunk : chunks(List.copyOf(unknown))) {
            jdbc.sql("INSERT INTO unread_count (user_id, unread, seq, changed_at) VALUES :rows ON CONFLICT DO NOTHING")
                    .param("rows", chunk.stream().map(id -> new Object[] {id, 0, 0, 0}).toList())
                    .update();
        }
        return lockExisting(List.copyOf(userIds));
    }

    private List<CountEvent> lockExisting(List<String> userIds) {
        List<CountEvent> locked = new ArrayList<>(userIds.size());
        // chunks of a sorted list, one after the other: still locked in id order
        for (List<String> chunk : chunks(userIds)) {
            locked.addAll(jdbc.sql("SELECT user_id, unread, seq, changed_at FROM unread_count WHERE user_id IN (:ids)"
                            + " ORDER BY user_id FOR UPDATE")
                    .param("ids", chunk)
                    .query(EVENT)
                    .list());
        }
        return locked;
    }

    /** Lists of ids short enough for one statement: see {@link #IDS_PER_STATEMENT}. */
    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT)));
        }
        return chunks;
    }

    /** Locks the user's row until the transaction ends: one user's changes take their seqs one at a time. */
    CountEvent lock(String userId) {
        return jdbc.sql("SELECT user_id, unread, seq, changed_at FROM unread_count WHERE user_id = ? FOR UPDATE")
                .param(userId)
                .query(EVENT)
                .single();
    }

    /** Locks the user's row, if the user is known, until the transaction ends. */
    void lockIfKnown(String userId) {
        jdbc.sql("SELECT user_id FROM unread_count WHERE user_id = ? FOR UPDATE")
                .param(userId)
                .query(String.class)
                .optional();
    }

    /**
     * Locks the next {@code limit} users of the audience after {@code after} (and any who became known among them
     * meanwhile), in user id order so that concurrent fan-outs cannot deadlock; returns their ids in that order.
     */
    List<String> lockNext(Audience audience, String after, int limit) {
        // H2 would lock every user after {@code after} for a FOR UPDATE with LIMIT: the range is found first
        List<String> next = audience.bind(jdbc.sql("SELECT user_id FROM unread_count WHERE user_id > :batchAfter AND ("
                        + audience.condition() + ") ORDER BY user_id LIMIT :batchLimit"))
                .param("batchAfter", after)
                .param("batchLimit", limit)
                .query(String.class)
                .list();
        if (next.isEmpty()) {
            return next;
        }
        Audience range = audience.between(after, next.get(next.size() - 1));
        return range.bind(jdbc.sql("SELECT user_id FROM unread_count WHERE " + range.condition()
                        + " ORDER BY user_id FOR UPDATE"))
                .query(String.class)
                .list();
    }

    void updateAll(List<CountEvent> changes) {
        int[] updated = batches.batchUpdate(
                "UPDATE unread_count SET unread = ?, seq = ?, changed_at = ? WHERE user_id = ?",
                changes.stream()
                        .map(change -> new Object[] {change.count(), change.seq(), change.ts(), change.userId()})
                        .toList());
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                throw new IllegalStateException(
                        "The counter row of " + changes.get(i).userId() + " vanished while locked");
            }
        }
    }

    /** Adds one to each count of the audience and advances each seq; returns how many changed. */
    int incrementAll(Audience audience, long ts) {
        return audience.bind(jdbc.sql("UPDATE unread_count SET unread = unread + 1, seq = seq + 1,"
                        + " changed_at = :batchTs WHERE " + audience.condition()))
                .param("batchTs", ts)
                .update();
    }

}
