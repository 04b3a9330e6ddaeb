package dev.reddot.publisher.api;

import java.util.ArrayList;
import java.util.List;

import dev.reddot.protocol.Ids;
import dev.reddot.publisher.unread.CountChange;

/**
 * Body of {@code POST /api/counts}: {@code {"changes":[{"userId":"alice","count":3},{"userId":"bob","increment":2}],
 * "qos":1,"retain":true}}. Checked as a whole by {@link #errors()}, so that a refusal names every bad value at once.
 *
 * @param changes the changes, applied in this order; each sets ({@code count}) or moves ({@code increment}) a count
 * @param qos     MQTT QoS 0..2 of every count, or null for {@code reddot.publish.default-qos}
 * @param retain  retain flag of every count, or null for {@code reddot.publish.default-retain}
 */
record BulkCountRequest(List<Entry> changes, Integer qos, Boolean retain) {

    private static final long MAX = CountChange.MAX_COUNT;

    /**
     * One change: exactly one of {@code count} (0..2147483647) and {@code increment} (-2147483647..2147483647).
     */
    record Entry(String userId, Long count, Long increment) {
    }

    /** Every bad value of the request; empty when it may be applied. */
    List<ChangeError> errors() {
        List<ChangeError> errors = new ArrayList<>();
        if (qos != null && (qos < 0 || qos > 2)) {
            errors.add(ChangeError.of("qos", qos < 0 ? "must be greater than or equal to 0"
                    : "must be less than or equal to 2"));
        }
        if (changes == null) {
            errors.add(ChangeError.of("changes", "must not be null"));
            return errors;
        }
        for (int i = 0; i < changes.size(); i++) {
            check(i, changes.get(i), errors);
        }
        return errors;
    }

    private static void check(int index, Entry entry, List<ChangeError> errors) {
        if (entry == null) {
            errors.add(new ChangeError(index, null, "must be an object such as {\"userId\":\"alice\",\"count\":3}"
                    + " or {\"userId\":\"bob\",\"increment\":1}"));
            return;
        }
        if (entry.userId() == null) {
            errors.add(new ChangeError(index, "userId", "must not be null"));
        } else if (!Ids.isValid(entry.userId())) {
            errors.add(new ChangeError(index, "userId", "must be " + Ids.RULE));
        }
        if (entry.count() == null && entry.increment() == null) {
            errors.add(new ChangeError(index, "count", "must be given, or else increment"));
        } else if (entry.count() != null && entry.increment() != null) {
            errors.add(new ChangeError(index, "increment", "must not be given together with count"));
        } else if (entry.count() != null) {
            checkRange(index, "count", entry.count(), 0, errors);
        } else {
            checkRange(index, "increment", entry.increment(), -MAX, errors);
        }
    }

    private static void checkRange(int index, String field, long value, long min, List<ChangeError> errors) {
        if (value < min) {
            errors.add(new ChangeError(index, field, "must be greater than or equal to " + min));
        } else if (value > MAX) {
            errors.add(new ChangeError(index, field, "must be less than or equal to " + MAX));
        }
    }

    /** The changes of a request without {@link #errors()}, in its order. */
    List<CountChange> toChanges() {
        List<CountChange> result = new ArrayList<>(changes.size());
        for (Entry entry : changes) {
            result.add(entry.count() != null ? new CountChange.SetCount(entry.userId(), entry.count())
                    : new CountChange.Increment(entry.userId(), entry.increment()));
        }
        return result;
    }
}
