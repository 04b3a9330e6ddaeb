package dev.reddot.publisher.unread;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * Known users a notification goes to, as an SQL condition on a {@code user_id} column with its named parameters. A
 * fan-out changes a batch of them with one statement per table, letting the database select the rows, instead of
 * sending it every user id: a broadcast to 100,000 users took 23 s on H2 and 13 s on PostgreSQL with lists of ids,
 * 15 s and 6.6 s this way.
 *
 * @param condition  an SQL condition on {@code user_id}; its parameters must not start with {@code batch}
 * @param parameters the values of its named parameters
 */
public record Audience(String condition, Map<String, Object> parameters) {

    /** Every known user. */
    public static final Audience EVERYONE = new Audience("TRUE", Map.of());

    public Audience {
        parameters = Map.copyOf(parameters);
    }

    /** Those of this audience whose ids sort after {@code after} and up to {@code last}. */
    public Audience between(String after, String last) {
        Map<String, Object> narrowed = new HashMap<>(parameters);
        narrowed.put("batchAfter", after);
        narrowed.put("batchLast", last);
        return new Audience("user_id > :batchAfter AND user_id <= :batchLast AND (" + condition + ")", narrowed);
    }

    /** Binds this audience's parameters to a statement that contains its condition. */
    public StatementSpec bind(StatementSpec statement) {
        parameters.forEach(statement::param);
        return statement;
    }
}
