package dev.reddot.broker.robustness;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Moquette's session event loops, watched from outside. Moquette 0.18.3 runs one loop thread per processor,
 * named "Session Executor N", and binds a client id to loop {@code abs(hashCode) % processors}; a command that
 * throws ends that thread for good, and every client bound to it with it. Knowing the loops lets the test put a
 * well-behaved client on each of them and name the loop that died.
 */
final class SessionLoops {

    private static final String THREAD_PREFIX = "Session Executor ";

    private final List<Thread> loops;
    private final int count = Runtime.getRuntime().availableProcessors();

    private SessionLoops(List<Thread> loops) {
        this.loops = loops;
    }

    /** The loop threads that appear while {@code start} runs: the broker's, not those of an earlier test. */
    static SessionLoops startedBy(Runnable start) {
        Set<Thread> before = running();
        start.run();
        Set<Thread> after = running();
        after.removeAll(before);
        return new SessionLoops(after.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).toList());
    }

    int count() {
        return count;
    }

    List<String> names() {
        return loops.stream().map(Thread::getName).toList();
    }

    List<String> dead() {
        return loops.stream().filter(Predicate.not(Thread::isAlive)).map(Thread::getName).toList();
    }

    /** A client id that Moquette binds to loop {@code ordinal}. */
    String clientIdOn(int ordinal, String prefix) {
        for (int suffix = 0; ; suffix++) {
            String clientId = prefix + "-" + suffix;
            if (Math.abs(clientId.hashCode()) % count == ordinal) {
                return clientId;
            }
        }
    }

    private static Set<Thread> running() {
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(thread -> !thread.getName().startsWith(THREAD_PREFIX));
        return threads;
    }
}
