package dev.reddot.broker.robustness;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the hostile connections did and what happened to them, counted from many threads. */
final class FuzzStatistics {

    /** A snapshot, for the report. */
    record Figures(long connectionsOpened, long connectFailures, int maxConcurrentConnections, long packetsSent,
                   long bytesSent, long bytesReceived, long repliesMissed, Map<String, Long> connectionsByAttack,
                   Map<String, Long> packetsByAttack, Map<String, Long> packetsByKind, Map<String, Long> mutations,
                   Map<String, Long> outcomes, Map<String, Long> socketErrors) {
    }

    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final AtomicInteger openNow = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder repliesMissed = new LongAdder();
    private final Map<String, LongAdder> connectionsByAttack = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> packetsByAttack = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> packetsByKind = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> mutations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> socketErrors = new ConcurrentHashMap<>();

    void opened(Attack attack) {
        connectionsOpened.increment();
        count(connectionsByAttack, attack.name());
        maxOpen.accumulateAndGet(openNow.incrementAndGet(), Math::max);
    }

    void closed(FuzzConnection.Outcome outcome) {
        openNow.decrementAndGet();
        count(outcomes, outcome.name());
    }

    void connectFailed(IOException e) {
        connectFailures.increment();
        socketError("connect: ", e);
    }

    void sending(Attack attack, FuzzScript.Send send) {
        packetsSent.increment();
        count(packetsByAttack, attack.name());
        count(packetsByKind, send.kind());
        if (send.mutation() != null) {
            count(mutations, send.mutation());
        }
    }

    void bytesSent(int count) {
        bytesSent.add(count);
    }

    void bytesReceived(int count) {
        bytesReceived.add(count);
    }

    void replyMissed() {
        repliesMissed.increment();
    }

    /** An IOException on a socket the broker closed: expected here, and counted rather than ignored. */
    void socketError(String during, IOException e) {
        count(socketErrors, during + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    long packetsSent() {
        return packetsSent.sum();
    }

    Figures figures() {
        return new Figures(connectionsOpened.sum(), connectFailures.sum(), maxOpen.get(), packetsSent.sum(),
                bytesSent.sum(), bytesReceived.sum(), repliesMissed.sum(), snapshot(connectionsByAttack),
                snapshot(packetsByAttack), snapshot(packetsByKind), snapshot(mutations), snapshot(outcomes),
                snapshot(socketErrors));
    }

    private static void count(Map<String, LongAdder> counters, String key) {
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((key, value) -> copy.put(key, value.sum()));
        return copy;
    }
}
