package dev.reddot.gateway.mqtt;

import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.mqtt.core.ClientManager;
import org.springframework.integration.mqtt.core.Mqttv5ClientManager;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.reddot.gateway.hub.CountFeed;
import dev.reddot.protocol.Topics;

/**
 * The gateway's subscriptions to the counts, the hub's {@link CountFeed}. Per user (the default), it subscribes to
 * {@code /message/{userId}} of each user the hub follows and unsubscribes when the hub lets go; follows and unfollows
 * made within {@code reddot.mqtt.subscribe-window} go out together, up to {@code subscribe-batch} topics a packet.
 * The broker answers each new subscription with the user's retained count. In {@code wildcard} mode it subscribes to
 * {@code /message/+} once and every count reaches the hub.
 *
 * <p>The connection starts clean every time, so after a lost connection the broker has forgotten every subscription:
 * all are made again, and the retained counts they bring catch the hub up on any change it missed (seq tells). All
 * SUBSCRIBE and UNSUBSCRIBE packets are sent from one thread, in the order the hub asked for them.
 */
class UnreadCountSubscriptions implements CountFeed, SmartLifecycle, ClientManager.ConnectCallback, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UnreadCountSubscriptions.class);
    /** QoS 1, not 0: a broker may drop QoS 0 messages of a large retained replay. */
    private static final int QOS = 1;

    private final Mqttv5ClientManager client;
    private final ResyncRequests resync;
    /** Set once for good when the broker refuses per-user subscriptions (a quota): from then on, {@code /message/+}. */
    private volatile boolean wildcard;
    private final long windowNanos;
    private final int batch;
    private final ScheduledExecutorService sender;
    /** Users followed now: what a reconnect subscribes again. */
    private final Set<String> followed = ConcurrentHashMap.newKeySet();
    /** {@link System#nanoTime()} at which the broker confirmed each followed user's subscription on this connection. */
    private final Map<String, Long> confirmedAt = new ConcurrentHashMap<>();
    /** When the broker confirmed {@code /message/+}, once the gateway is on it; null before. */
    private volatile Long wildcardConfirmedAt;
    /** Users followed or unfollowed since the last flush. */
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean flushDue = new AtomicBoolean();
    private final Counter subscribedTopics;
    private final Counter unsubscribedTopics;
    private volatile boolean running;

    UnreadCountSubscriptions(Mqttv5ClientManager client, ResyncRequests resync, MqttClientProperties properties,
                             MeterRegistry registry) {
        this.client = client;
        this.resync = resync;
        this.wildcard = properties.subscriptions() == MqttClientProperties.SubscriptionMode.WILDCARD;
        this.windowNanos = properties.subscribeWindow().toNanos();
        this.batch = properties.subscribeBatch();
        CustomizableThreadFactory threads = new CustomizableThreadFactory("gateway-subscriptions-");
        threads.setDaemon(true);
        this.sender = Executors.newSingleThreadScheduledExecutor(threads);
        this.subscribedTopics = topics(registry, "subscribe");
        this.unsubscribedTopics = topics(registry, "unsubscribe");
    }

    private static Counter topics(MeterRegistry registry, String action) {
        return Counter.builder("reddot.gateway.subscription.topics")
                .tag("action", action)
                .description("Topics the gateway subscribed to or unsubscribed from, reconnects included")
                .register(registry);
    }

    @Override
    public void follow(String userId) {
        if (!wildcard) {
            followed.add(userId);
            changed.add(userId);
            flushSoon();
        }
    }

    @Override
    public void unfollow(String userId) {
        if (!wildcard) {
            followed.remove(userId);
            confirmedAt.remove(userId);
            changed.add(userId);
            flushSoon();
        }
    }

    @Override
    public boolean connected() {
        return connectedClient() != null;
    }

    @Override
    public Optional<Duration> followedFor(String userId) {
        Long since = wildcard ? wildcardConfirmedAt : confirmedAt.get(userId);
        return since == null || !connected() ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - since));
    }

    @Override
    public boolean carriesEveryUser() {
        return wildcard;
    }

    @Override
    public void start() {
        running = true;
        client.addCallback(this);
        onSender(this::subscribeAll);
    }

    /** Stopping is not the end: a stopped context may be started again (Spring's tests pause cached contexts). */
    @Override
    public void stop() {
        running = false;
        client.removeCallback(this);
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the client manager has connected, like Spring Integration's message-driven adapters. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2;
    }

    @Override
    public void connectComplete(boolean reconnect) {
        if (running) {
            onSender(this::subscribeAll);
        }
    }

    private void flushSoon() {
        if (flushDue.compareAndSet(false, true)) {
            try {
                sender.schedule(() -> logged(this::flush), windowNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                flushDue.set(false); // stopping: nothing is subscribed any more
            }
        }
    }

    private void onSender(Runnable task) {
        try {
            sender.execute(() -> logged(task));
        } catch (RejectedExecutionException stopped) {
            log.debug("Not subscribing: the gateway is stopping");
        }
    }

    /** A task of the sender thread, whose failure must not vanish into its executor. */
    private static void logged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("Subscribing or unsubscribing failed", e);
        }
    }

    private void flush() {
        flushDue.set(false);
        List<String> subscribe = new ArrayList<>();
        List<String> unsubscribe = new ArrayList<>();
        for (Iterator<String> users = changed.iterator(); users.hasNext(); ) {
            String userId = users.next();
            users.remove();
            (followed.contains(userId) ? subscribe : unsubscribe).add(userId);
        }
        IMqttAsyncClient mqtt = connectedClient();
        if (mqtt == null) {
            return; // the next connect subscribes every user followed then; the broker forgot the others
        }
        subscribe(mqtt, subscribe);
        unsubscribe(mqtt, unsubscribe);
    }

    /** At start and after every (re)connect: the session started clean, so every subscription is made again. */
    private void subscribeAll() {
        IMqttAsyncClient mqtt = connectedClient();
        if (mqtt == null) {
            return;
        }
        confirmedAt.clear();
        wildcardConfirmedAt = null;
        if (wildcard) {
            subscribeToEveryCount(mqtt);
            return;
        }
        changed.clear();
        List<String> users = List.copyOf(followed);
        subscribe(mqtt, users);
        if (!users.isEmpty()) {
            log.info("Subscribed again to the counts of {} users on {}", users.size(), mqtt.getCurrentServerURI());
        }
    }

    private void subscribe(IMqttAsyncClient mqtt, List<String> userIds) {
        for (int from = 0; from < userIds.size(); from += batch) {
            List<String> users = userIds.subList(from, Math.min(userIds.size(), from + batch));
            send(mqtt, users.stream().map(Topics::unreadCount).toList(), confirmed -> {
                for (String userId : users) {
                    if (followed.contains(userId)) {
                        confirmedAt.put(userId, confirmed);
                    }
                }
            });
            resync.countsOf(users);
        }
    }

    private void subscribeToEveryCount(IMqttAsyncClient mqtt) {
        send(mqtt, List.of(Topics.ALL_UNREAD_COUNTS), confirmed -> wildcardConfirmedAt = confirmed);
        resync.everyCount();
    }

    /** @param onConfirmed given the {@link System#nanoTime()} at which the broker granted every topic */
    private void send(IMqttAsyncClient mqtt, List<String> topics, LongConsumer onConfirmed) {
        MqttSubscription[] subscriptions = topics.stream().map(topic -> new MqttSubscription(topic, QOS))
                .toArray(MqttSubscription[]::new);
        try {
            mqtt.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (refused(token)) {
                        fallBackToWildcard(topics);
                    } else {
                        log.debug("The broker confirmed {} topics ({}…)", topics.size(), topics.get(0));
                        onConfirmed.accept(System.nanoTime());
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    // Paho 1.2.5 takes a SUBACK with 0x97 (quota exceeded) for a protocol error and drops the connection
                    if (exception instanceof MqttException e
                            && e.getReasonCode() == MqttException.REASON_CODE_INVALID_RETURN_CODE) {
                        fallBackToWildcard(topics);
                    } else {
                        log.warn("Could not subscribe to {} topics ({}…): {}", topics.size(), topics.get(0),
                                exception.getMessage());
                    }
                }
            }, new MqttProperties());
            subscribedTopics.increment(topics.size());
        } catch (MqttException e) {
            // connection lost meanwhile: the reconnect subscribes again
            log.debug("Could not subscribe to {} topics: {}", topics.size(), e.toString());
        }
    }

    private void unsubscribe(IMqttAsyncClient mqtt, List<String> userIds) {
        for (int from = 0; from < userIds.size(); from += batch) {
            String[] topics = userIds.subList(from, Math.min(userIds.size(), from + batch)).stream()
                    .map(Topics::unreadCount).toArray(String[]::new);
            try {
                mqtt.unsubscribe(topics, null, null, new MqttProperties());
                unsubscribedTopics.increment(topics.length);
            } catch (MqttException e) {
                log.debug("Could not unsubscribe from {} topics: {}", topics.length, e.toString());
            }
        }
    }

    /** A SUBACK with a failure code (0x80 and above) for some of the topics. */
    private static boolean refused(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        return codes != null && Arrays.stream(codes).anyMatch(code -> code >= 0x80);
    }

    /**
     * The broker refused per-user subscriptions (a cap on subscriptions per client, such as Reddot's broker in open
     * mode): the gateway subscribes to every count instead, for good, and the hub keeps every user from now on. The
     * per-user subscriptions it holds are given back.
     */
    private void fallBackToWildcard(List<String> refusedTopics) {
        if (wildcard || refusedTopics.contains(Topics.ALL_UNREAD_COUNTS)) {
            return;
        }
        wildcard = true;
        log.warn("The broker refused subscriptions to {} ({}…): serving {} users, the gateway subscribes to {} from now"
                        + " on. Give the gateway an admin token (token mode), raise the broker's subscriptions per "
                        + "client, or set reddot.mqtt.subscriptions=wildcard", refusedTopics.size(),
                refusedTopics.get(0), followed.size(), Topics.ALL_UNREAD_COUNTS);
        onSender(() -> {
            IMqttAsyncClient mqtt = connectedClient();
            if (mqtt != null) {
                subscribeToEveryCount(mqtt);
                unsubscribe(mqtt, List.copyOf(followed));
            }
            followed.clear();
            changed.clear();
        });
    }

    private IMqttAsyncClient connectedClient() {
        IMqttAsyncClient mqtt = client.getClient();
        return mqtt != null && mqtt.isConnected() ? mqtt : null;
    }
}
