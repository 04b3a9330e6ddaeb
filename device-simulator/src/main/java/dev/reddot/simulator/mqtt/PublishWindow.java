package dev.reddot.simulator.mqtt;

import java.util.ArrayDeque;

import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * The QoS 1/2 publishes of one connection: those awaiting acknowledgement by packet id, at most {@code quota} of
 * them (the broker's Receive Maximum), and those queued behind them. Used on the connection's event loop only.
 */
final class PublishWindow {

    private final IntObjectMap<OutgoingPublish> inflight = new IntObjectHashMap<>();
    private final ArrayDeque<OutgoingPublish> waiting = new ArrayDeque<>();
    private int quota;

    PublishWindow(int quota) {
        this.quota = quota;
    }

    /** The broker announced how many unacknowledged publishes it accepts. */
    void limitTo(int receiveMaximum) {
        quota = Math.min(quota, receiveMaximum);
    }

    /** True when the publish may go out now; otherwise it waits its turn. */
    boolean admit(OutgoingPublish publish) {
        if (inflight.size() < quota) {
            return true;
        }
        waiting.add(publish);
        return false;
    }

    void sent(int packetId, OutgoingPublish publish) {
        inflight.put(packetId, publish);
    }

    OutgoingPublish inflight(int packetId) {
        return inflight.get(packetId);
    }

    /** The publish with this packet id is done (acknowledged or refused); null when there was none. */
    OutgoingPublish release(int packetId) {
        return inflight.remove(packetId);
    }

    /** The next waiting publish now that there is room, or null. */
    OutgoingPublish nextWaiting() {
        return inflight.size() < quota ? waiting.poll() : null;
    }

    boolean uses(int packetId) {
        return inflight.containsKey(packetId);
    }

    void failAll(Throwable cause) {
        inflight.values().forEach(publish -> publish.done().completeExceptionally(cause));
        inflight.clear();
        waiting.forEach(publish -> publish.done().completeExceptionally(cause));
        waiting.clear();
    }
}
