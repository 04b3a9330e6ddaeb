package dev.reddot.gateway.hub;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import dev.reddot.gateway.GatewayProperties;
import dev.reddot.protocol.CountEvent;
import dev.reddot.protocol.Ids;

/**
 * The users the gateway serves, their latest counts and every open connection waiting for the next one. A user is
 * served from their first connection (or poll) until the last one has left and the linger has passed; meanwhile the
 * hub follows them on its {@link CountFeed}. Connections enter and leave only through {@link #subscribe}, which is
 * what keeps {@link #openConnections()} exact, and what lets the hub refuse a connection past {@link ConnectionLimits}.
 */
@Component
public class Hub implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    /** How long a poll waits for a count the feed is late with (it is disconnected): the poll interval. */
    static final Duration LONGEST_POLL_WAIT = Duration.ofSeconds(2);
    /** How late a timer may run before the hub takes it for a stall of the whole process. */
    static final Duration STALL = Duration.ofMillis(50);
    private static final int MAX_STALLS = 4;

    private final ConnectionLimits limits;
    private final CountFeed feed;
    private final long lingerNanos;
    private final Duration retainedCountWait;
    private final ScheduledExecutorService timer;
    private final AtomicInteger open = new AtomicInteger();

    private final Map<String, ServedUser> served = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openByTransport = new ConcurrentHashMap<>();

    /** A hub that takes any number of connections and is fed every user's counts. */
    public Hub() {
        this(ConnectionLimits.NONE);
    }

    public Hub(ConnectionLimits limits) {
        this(limits, CountFeed.EVERY_USER, Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param linger            how long a user is still served after their last connection left
     * @param retainedCountWait how long a newly followed user's first count may take, once the feed has confirmed it
     *                          follows them, before the hub decides they
     *                          have none (count 0, seq 0)
     */
    public Hub(ConnectionLimits limits, CountFeed feed, Duration linger, Duration retainedCountWait) {
        this.limits = limits;
        this.feed = feed;
        this.lingerNanos = linger.toNanos();
        this.retainedCountWait = retainedCountWait;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("gateway-hub-");
        threads.setDaemon(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(threads);
    }

    @Autowired
    Hub(GatewayProperties properties, CountFeed feed) {
        this(new ConnectionLimits(properties.maxConnections(), properties.maxConnectionsPerUser()), feed,
                properties.subscriptionLinger(), properties.retainedCountWait());
    }

    /** The user's latest count; count 0 and seq 0 for a user the hub does not know a count of. */
    public CountEvent latest(String userId) {
        Ids.requireValid(userId);
        return held(userId).orElseGet(() -> CountEvent.initial(userId));
    }

    /** The user's count if the hub holds one: a user it serves, or still keeps, whose count has come. */
    public Optional<CountEvent> held(String userId) {
        ServedUser user = served.get(userId);
        return Optional.ofNullable(user != null ? user.latest() : null);
    }

    /**
     * The user's current count for a request that holds no connection (a short poll): the user is served for the
     * linger from now, and the answer waits for the count the feed brings for a user not served yet; while the feed is
     * disconnected, at most {@link #LONGEST_POLL_WAIT}, then it answers what it holds (count 0 if nothing).
     */
    public CompletableFuture<CountEvent> current(String userId) {
        Ids.requireValid(userId);
        ServedUser user = served.compute(userId, (id, known) -> {
            ServedUser polled = known != null ? known : follow(id);
            if (polled.connections().isEmpty()) {
                startLinger(id, polled);
            }
            return polled;
        });
        CompletableFuture<CountEvent> answer = user.current();
        if (!answer.isDone()) {
            later(() -> answer.complete(null), LONGEST_POLL_WAIT.toNanos());
        }
        return answer.thenApply(current -> current != null ? current : latest(userId));
    }

    /**
     * Takes a count from the feed. Counts that are not newer than the one held (a replayed retained message, a
     * duplicate at QoS 1) and counts of users the hub no longer serves change nothing and reach no one.
     *
     * @return whether the count was newer and was passed on
     */
    public boolean publish(CountEvent event) {
        // Not a plain get: the hub follows a user inside the map's compute, and the broker can confirm the subscription
        // and send the retained count before that compute has returned (its thread preempted); a get would find no
        // user then and drop the count. computeIfPresent waits for the entry.
        ServedUser user = feed.carriesEveryUser()
                ? served.computeIfAbsent(event.userId(), id -> new ServedUser(id, CountEvent.initial(id)))
                : served.computeIfPresent(event.userId(), (id, known) -> known);
        if (user == null || !user.offer(event)) {
            return false;
        }
        user.connections().forEach(connection -> connection.deliver(event));
        return true;
    }

    /**
     * Registers a connection and hands it the user's current count at once, or as soon as the feed brings it for a
     * user not served yet.
     *
     * @throws ConnectionLimitException when the gateway or the user already holds as many connections as allowed
     */
    public Subscription subscribe(String userId, Transport connection) {
        Ids.requireValid(userId);
        // the total is reserved first and given back if the user's own limit refuses: it never undercounts
        if (open.incrementAndGet() > limits.total()) {
            open.decrementAndGet();
            throw new ConnectionLimitException("The gateway holds its maximum of " + limits.total() + " connections");
        }
        ServedUser user;
        try {
            // add inside compute: a concurrent release or the end of a linger must not drop the user this connection
            // is being added to, and two connections of one user cannot both take the user's last place
            user = served.compute(userId, (id, known) -> {
                ServedUser joined = known != null ? known : follow(id);
                if (joined.connections().size() >= limits.perUser()) {
                    throw new ConnectionLimitException(
                            "User " + userId + " already holds the maximum of " + limits.perUser() + " connections");
                }
                joined.connections().add(connection);
                return joined;
            });
        } catch (ConnectionLimitException refused) {
            open.decrementAndGet();
            throw refused;
        }
        AtomicInteger openOfTransport = openByTransport.computeIfAbsent(connection.name(), name -> new AtomicInteger());
        openOfTransport.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        // registered first, then handed the current count: a count published in between arrives twice, never zero times
        CountEvent current = user.latest();
        if (current != null) {
            connection.deliver(current);
        }
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(userId, connection);
                openOfTransport.decrementAndGet();
                open.decrementAndGet();
            }
        };
    }

    /**
     * Checks, without taking a place, that one more connection of the user would be admitted now: for a transport
     * that must answer before it subscribes (a WebSocket upgrade). {@link #subscribe} still decides.
     *
     * @throws ConnectionLimitException when it would be refused
     */
    public void requireRoomFor(String userId) {
        if (open.get() >= limits.total()) {
            throw new ConnectionLimitException("The gateway holds its maximum of " + limits.total() + " connections");
        }
        ServedUser user = served.get(userId);
        if (user != null && user.connections().size() >= limits.perUser()) {
            throw new ConnectionLimitException(
                    "User " + userId + " already holds the maximum of " + limits.perUser() + " connections");
        }
    }

    /** Open connections per transport name; transports that never had one are absent. */
    public Map<String, Integer> openConnections() {
        Map<String, Integer> counts = new TreeMap<>();
        openByTransport.forEach((transport, open) -> counts.put(transport, open.get()));
        return counts;
    }

    /** The user's open connections per transport name, as the next {@link #publish} would reach them. */
    public Map<String, Integer> openConnections(String userId) {
        ServedUser user = served.get(userId);
        if (user == null) {
            return Map.of();
        }
        Map<String, Integer> counts = new TreeMap<>();
        user.connections().forEach(connection -> counts.merge(connection.name(), 1, Integer::sum));
        return counts;
    }

    /** Users the hub holds: those with connections or within their linger (every user heard of, on a wildcard feed). */
    public int servedUsers() {
        return served.size();
    }

    /** Whether the hub holds the user now. */
    public boolean serves(String userId) {
        return served.containsKey(userId);
    }

    /** Ends every open connection: each is released through its own subscription as it closes. */
    public void closeAll() {
        served.values().forEach(user -> List.copyOf(user.connections()).forEach(Transport::close));
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    /** A user served from now on; called inside the map's compute, so the feed sees follow and unfollow in order. */
    private ServedUser follow(String userId) {
        if (feed.carriesEveryUser()) {
            return new ServedUser(userId, CountEvent.initial(userId));
        }
        ServedUser user = new ServedUser(userId, null);
        feed.follow(userId);
        settleLater(user, retainedCountWait, 0);
        return user;
    }

    /**
     * No count came for a newly followed user within the wait after the feed confirmed it follows them: they have none,
     * and their connections are told so. The wait counts from the confirmation, not from the follow: on a busy broker
     * or a disconnected feed the count is late, not missing, and a zero before it would flash on the user's badge.
     * For the same reason a timer that runs late does not decide: the process stalled (a GC pause, a starved CPU),
     * the count may be right behind it in the feed, stalled alike, and the hub waits once more.
     */
    private void settle(ServedUser user, long dueNanos, int stalls) {
        if (user.latest() != null || served.get(user.userId()) != user) {
            return; // its count came, or the user was let go (a follow later is another user object, with its own wait)
        }
        Duration followed = feed.followedFor(user.userId()).orElse(Duration.ZERO);
        if (followed.compareTo(retainedCountWait) < 0) {
            settleLater(user, retainedCountWait.minus(followed), stalls);
            return;
        }
        if (System.nanoTime() - dueNanos > STALL.toNanos() && stalls < MAX_STALLS) {
            settleLater(user, retainedCountWait, stalls + 1);
            return;
        }
        if (user.settleWithoutCount()) {
            log.debug("No count of {} within {} of the broker's confirmation ({} late timers): it has none, count 0",
                    user.userId(), retainedCountWait, stalls);
            CountEvent initial = user.latest();
            user.connections().forEach(connection -> connection.deliver(initial));
        }
    }

    private void settleLater(ServedUser user, Duration wait, int stalls) {
        long dueNanos = System.nanoTime() + wait.toNanos();
        later(() -> settle(user, dueNanos, stalls), wait.toNanos());
    }

    private void release(String userId, Transport connection) {
        served.computeIfPresent(userId, (id, user) -> {
            user.connections().remove(connection);
            if (user.connections().isEmpty()) {
                startLinger(id, user);
            }
            return user;
        });
    }

    /** Keeps a user without connections for the linger, then lets go unless a connection or a poll came back. */
    private void startLinger(String userId, ServedUser user) {
        if (feed.carriesEveryUser()) {
            return; // every count arrives anyway: the user is kept, as every other user heard of
        }
        user.lingerUntil(System.nanoTime() + lingerNanos);
        later(() -> endLinger(userId), lingerNanos);
    }

    private void later(Runnable task, long delayNanos) {
        try {
            timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // the gateway is stopping: no user needs settling or letting go any more
        }
    }

    private void endLinger(String userId) {
        served.computeIfPresent(userId, (id, user) -> {
            if (!user.connections().isEmpty() || !user.lingerOver(System.nanoTime())) {
                return user;
            }
            feed.unfollow(id);
            return null;
        });
    }
}
