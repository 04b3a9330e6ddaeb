package dev.reddot.simulator.bench;

import java.nio.ByteBuffer;
import java.util.BitSet;

import dev.reddot.simulator.mqtt.ReceivedMessage;

/**
 * What one throughput subscriber received: each payload starts with the publisher's index and a sequence number,
 * so a message seen twice is a duplicate and one never seen is lost.
 */
final class DeliveryTally {

    static final int HEADER_BYTES = 8;

    private final BitSet[] seen;
    private long unique;
    private long duplicates;
    private long lastNanos;

    DeliveryTally(int publishers) {
        seen = new BitSet[publishers];
        for (int i = 0; i < publishers; i++) {
            seen[i] = new BitSet();
        }
    }

    static byte[] payload(int publisher, int seq, int size) {
        return ByteBuffer.allocate(Math.max(HEADER_BYTES, size)).putInt(publisher).putInt(seq).array();
    }

    synchronized void record(ReceivedMessage message) {
        ByteBuffer payload = ByteBuffer.wrap(message.payload());
        if (payload.remaining() < HEADER_BYTES) {
            return;
        }
        int publisher = payload.getInt();
        int seq = payload.getInt();
        if (publisher < 0 || publisher >= seen.length || seq < 0) {
            return;
        }
        if (seen[publisher].get(seq)) {
            duplicates++;
        } else {
            seen[publisher].set(seq);
            unique++;
        }
        lastNanos = Math.max(lastNanos, message.receivedNanos());
    }

    synchronized long unique() {
        return unique;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long lastNanos() {
        return lastNanos;
    }
}
