package dev.reddot.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.broker.security.OpenModeAuthenticator;
import dev.reddot.broker.security.OpenModeAuthorizer;
import dev.reddot.broker.testing.FreePorts;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.protocol.security.SecurityMode;
import dev.reddot.security.SecurityProperties;
import io.moquette.broker.IRetainedRepository;
import io.moquette.broker.RetainedMessage;
import io.moquette.broker.Server;
import io.moquette.broker.subscriptions.Topic;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/**
 * Moquette routes a retained QoS 1 PUBLISH, answers PUBACK, and only then stores the retained copy. A SUBSCRIBE that
 * another session loop handles in between must still get the new message, not the previous one
 * ({@code pipeline/RetainedBeforeRouting}). The test holds Moquette's call to store the copy, and subscribes meanwhile.
 */
class RetainedBeforeRoutingTest {

    private static final MoquetteFields FIELDS = new MoquetteFields("hold Moquette's store of retained messages");
    private static final String TOPIC = "/message/racing";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    /** At QoS 0 too: {@code pipeline/RetainedAtQos0} hands such a message to Moquette as QoS 1. */
    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1})
    void aSubscriptionMadeBeforeMoquetteStoresTheRetainedCopyGetsTheNewMessage(int qos) throws Exception {
        String publisherId = "racing-publisher";
        String subscriberId = onAnotherLoopThan(publisherId);
        EmbeddedBroker broker = startedBroker();
        HeldStore held = null;
        try (RecordingMqttClient publisher = connect(broker, publisherId);
             RecordingMqttClient subscriber = connect(broker, subscriberId)) {
            publisher.publish(TOPIC, "1", 1, true, Map.of("seq", "1"));
            held = HeldStore.installIn(broker, "2");

            publisher.publish(TOPIC, "2", qos, true, Map.of("seq", "2"));
            held.awaitStoring("2");
            subscriber.subscribe(TOPIC, 1);

            RecordingMqttClient.Received retained = subscriber.next(WAIT);
            assertThat(retained.retained()).isTrue();
            assertThat(retained.payload()).as("the message routed before the subscription").isEqualTo("2");
        } finally {
            if (held != null) {
                held.releaseAll();
            }
            broker.stop();
        }
    }

    /**
     * Two publishers of one topic on two session loops: Moquette's late store of the first message, after the second's,
     * must not bring the first back. Stored ahead in the order they came, Moquette's own stores are skipped.
     */
    @Test
    void moquettesLateStoreOfAnOlderMessageDoesNotReplaceANewerOne() throws Exception {
        String first = "racing-publisher";
        String second = onAnotherLoopThan(first);
        EmbeddedBroker broker = startedBroker();
        HeldStore held = HeldStore.installIn(broker, "1", "2");
        try (RecordingMqttClient older = connect(broker, first);
             RecordingMqttClient newer = connect(broker, second)) {
            older.publish(TOPIC, "1", 1, true, Map.of("seq", "1"));
            held.awaitStoring("1");
            newer.publish(TOPIC, "2", 1, true, Map.of("seq", "2"));
            held.awaitStoring("2");

            held.release("2");
            held.awaitStored("2");
            held.release("1");
            held.awaitStored("1");

            try (RecordingMqttClient subscriber = connect(broker, "late-subscriber")) {
                subscriber.subscribe(TOPIC, 1);
                assertThat(subscriber.next(WAIT).payload()).as("the newer message").isEqualTo("2");
            }
        } finally {
            held.releaseAll();
            broker.stop();
        }
    }

    private EmbeddedBroker startedBroker() {
        EmbeddedBroker broker = new EmbeddedBroker(
                new BrokerProperties("127.0.0.1", FreePorts.next(), FreePorts.next(), "/mqtt", BrokerProperties.Tls.OFF),
                new DataDirectory(dataDir), new SecurityProperties(SecurityMode.OPEN, null), new OpenModeAuthenticator(),
                new OpenModeAuthorizer());
        broker.start();
        return broker;
    }

    private static RecordingMqttClient connect(EmbeddedBroker broker, String clientId) throws Exception {
        return RecordingMqttClient.connect("tcp://127.0.0.1:" + broker.tcpPort(), clientId, new MqttConnectionOptions());
    }

    /** A client id that Moquette serves on another session loop than {@code clientId}'s. */
    private static String onAnotherLoopThan(String clientId) {
        int loops = Runtime.getRuntime().availableProcessors(); // Moquette's session loops
        assumeTrue(loops > 1, "one session loop: Moquette handles every client's packets one after another");
        return IntStream.range(0, 100).mapToObj(i -> "racing-client-" + i)
                .filter(id -> loopOf(id, loops) != loopOf(clientId, loops)).findFirst().orElseThrow();
    }

    /** Moquette's choice of a client id's session loop ({@code SessionEventLoopGroup}). */
    private static int loopOf(String clientId, int loops) {
        return Math.abs(clientId.hashCode()) % loops;
    }

    /**
     * In front of the broker's store: Moquette's own calls to store a retained message with one of the given payloads
     * wait until that payload is released.
     */
    private static final class HeldStore implements IRetainedRepository {

        private final IRetainedRepository store;
        private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> released = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> stored = new ConcurrentHashMap<>();

        private HeldStore(IRetainedRepository store, List<String> heldPayloads) {
            this.store = store;
            heldPayloads.forEach(payload -> {
                entered.put(payload, new CountDownLatch(1));
                released.put(payload, new CountDownLatch(1));
                stored.put(payload, new CountDownLatch(1));
            });
        }

        static HeldStore installIn(EmbeddedBroker broker, String... heldPayloads) {
            Server server = (Server) FIELDS.read(broker, EmbeddedBroker.class, "server");
            Object postOffice = FIELDS.read(server, Server.class, "dispatcher");
            HeldStore held = new HeldStore(
                    (IRetainedRepository) FIELDS.read(postOffice, postOffice.getClass(), "retainedRepository"),
                    List.of(heldPayloads));
            FIELDS.replace(postOffice, postOffice.getClass(), "retainedRepository", IRetainedRepository.class,
                    original -> held);
            return held;
        }

        /** Waits until Moquette's session loop is in its call to store the payload. */
        void awaitStoring(String payload) throws InterruptedException {
            assertThat(entered.get(payload).await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("Moquette about to store " + payload).isTrue();
        }

        /** Waits until Moquette's call to store the payload has returned. */
        void awaitStored(String payload) throws InterruptedException {
            assertThat(stored.get(payload).await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("Moquette's store of " + payload).isTrue();
        }

        void release(String payload) {
            released.get(payload).countDown();
        }

        void releaseAll() {
            released.values().forEach(CountDownLatch::countDown);
        }

        @Override
        public void retain(Topic topic, MqttPublishMessage msg) {
            String payload = hold(msg);
            store.retain(topic, msg);
            stored.getOrDefault(payload, new CountDownLatch(1)).countDown();
        }

        @Override
        public void retain(Topic topic, MqttPublishMessage msg, Instant expiryTime) {
            String payload = hold(msg);
            store.retain(topic, msg, expiryTime);
            stored.getOrDefault(payload, new CountDownLatch(1)).countDown();
        }

        /** Answers the message's payload once it may be stored. */
        private String hold(MqttPublishMessage msg) {
            String payload = msg.payload().toString(0, msg.payload().writerIndex(), StandardCharsets.UTF_8);
            if (!released.containsKey(payload)) {
                return payload;
            }
            entered.get(payload).countDown();
            try {
                released.get(payload).await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return payload;
        }

        @Override
        public void cleanRetained(Topic topic) {
            store.cleanRetained(topic);
        }

        @Override
        public boolean isEmpty() {
            return store.isEmpty();
        }

        @Override
        public Collection<RetainedMessage> retainedOnTopic(String topic) {
            return store.retainedOnTopic(topic);
        }

        @Override
        public Collection<RetainedMessage> listExpirable() {
            return store.listExpirable();
        }
    }
}
