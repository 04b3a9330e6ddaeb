package dev.reddot.broker.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The publish budget of every device and user with a connection open ({@code publish-rate-per-subject},
 * {@code publish-burst-per-subject}): one bucket per subject, shared by all of its connections, so that opening more
 * connections does not buy more budget. A subject's bucket lives while at least one of its connections does; the first
 * connection of a subject finds it full.
 */
final class PublishBudgets {

    private final int ratePerSubject;
    private final int burstPerSubject;
    private final Map<String, Shared> bySubject = new ConcurrentHashMap<>();

    /** A subject's bucket and how many of its connections use it. */
    private record Shared(PermitBucket bucket, int connections) {
    }

    PublishBudgets(int ratePerSubject, int burstPerSubject) {
        this.ratePerSubject = ratePerSubject;
        this.burstPerSubject = burstPerSubject;
    }

    /** A connection of {@code subject} opened: the subject's bucket, full at {@code nanoTime} if it is the first. */
    PermitBucket join(String subject, long nanoTime) {
        return bySubject.compute(subject, (key, shared) -> shared == null
                ? new Shared(new PermitBucket(ratePerSubject, burstPerSubject, nanoTime), 1)
                : new Shared(shared.bucket(), shared.connections() + 1)).bucket();
    }

    /** A connection that {@link #join}ed closed: the bucket goes with the subject's last connection. */
    void leave(String subject) {
        bySubject.computeIfPresent(subject, (key, shared) -> shared.connections() == 1 ? null
                : new Shared(shared.bucket(), shared.connections() - 1));
    }
}
