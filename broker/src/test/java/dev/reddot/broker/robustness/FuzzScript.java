package dev.reddot.broker.robustness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one raw connection does, step by step. Made from the connection's own seeded random, so that the same
 * seed writes the same scripts whatever the thread interleaving.
 *
 * @param resetAtEnd close with a TCP reset (SO_LINGER 0) rather than a FIN
 */
record FuzzScript(Attack attack, List<Step> steps, boolean resetAtEnd) {

    FuzzScript {
        steps = List.copyOf(steps);
    }

    sealed interface Step permits Send, AwaitReply, Hold {
    }

    /**
     * Bytes to write, usually one packet.
     *
     * @param kind     the packet it is (or was before it was damaged)
     * @param mutation how it was damaged, or {@code null} if intact
     */
    record Send(String kind, String mutation, byte[] bytes) implements Step {
    }

    /** Waits for the broker to answer anything, but no longer than this. */
    record AwaitReply(Duration within) implements Step {
    }

    /** Keeps the connection open without writing, e.g. with a packet half sent. */
    record Hold(Duration time) implements Step {
    }

    static Builder of(Attack attack) {
        return new Builder(attack);
    }

    static final class Builder {

        private final Attack attack;
        private final List<Step> steps = new ArrayList<>();

        private Builder(Attack attack) {
            this.attack = attack;
        }

        Builder send(String kind, byte[] bytes) {
            steps.add(new Send(kind, null, bytes));
            return this;
        }

        Builder send(String kind, PacketMutator.Mutant mutant) {
            steps.add(new Send(kind, mutant.mutation(), mutant.bytes()));
            return this;
        }

        Builder awaitReply() {
            steps.add(new AwaitReply(Duration.ofMillis(400)));
            return this;
        }

        Builder hold(long millis) {
            steps.add(new Hold(Duration.ofMillis(millis)));
            return this;
        }

        FuzzScript end(boolean reset) {
            return new FuzzScript(attack, steps, reset);
        }
    }
}
