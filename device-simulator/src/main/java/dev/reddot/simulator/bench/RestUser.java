package dev.reddot.simulator.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A user of {@code bench rest}: the highest seq its stream delivered and the highest seq the publisher acknowledged
 * for it. Both seqs are the publisher's, carried unchanged by the gateway, so the stream is up to date exactly when
 * the first reaches the second.
 */
final class RestUser extends StreamedUser {

    private final AtomicLong streamedSeq = new AtomicLong();
    private final AtomicLong acknowledgedSeq = new AtomicLong();
    private final Supplier<StepLedger> step;

    /** @param step the step under way, to which a change's arrival is reported (its count names the PUT) */
    RestUser(String userId, Supplier<StepLedger> step) {
        super(userId);
        this.step = step;
    }

    @Override
    void started(long seq) {
        streamedSeq.accumulateAndGet(seq, Math::max);
    }

    @Override
    void changed(long count, long seq, long nanos) {
        streamedSeq.accumulateAndGet(seq, Math::max);
        StepLedger ledger = step.get();
        if (ledger != null) {
            ledger.delivered(count, nanos);
        }
    }

    void acknowledged(long seq) {
        acknowledgedSeq.accumulateAndGet(seq, Math::max);
    }

    /** False while the stream has not delivered the latest change the publisher acknowledged. */
    boolean upToDate() {
        return streamedSeq.get() >= acknowledgedSeq.get();
    }
}
