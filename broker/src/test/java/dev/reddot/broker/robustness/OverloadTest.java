package dev.reddot.broker.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.reddot.broker.robustness.PacketBuilder.Protocol;
import dev.reddot.broker.testing.TestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: under overload, publishers are slowed down (their sockets are no longer read) rather than their messages
 * discarded. Four publishers write QoS 0 messages as fast as a socket takes them, far faster than the broker routes
 * them; one subscriber reads everything. Moquette 0.18.3 alone discarded a third to a half of them once its session
 * command queue was full, with one WARN line per message.
 */
class OverloadTest {

    private static final int PUBLISHERS = 4;
    private static final int MESSAGES_PER_PUBLISHER = 25_000;
    private static final int BATCH = 500;

    @TempDir
    Path dataDir;

    @Test
    void slowsFastQos0PublishersDownInsteadOfDiscardingTheirMessages() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir);
             BrokerLogCapture log = BrokerLogCapture.attach("io.moquette");
             CountingSubscriber subscriber = CountingSubscriber.connect(broker.port(), "overload/#")) {
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int publisher = p;
                Thread thread = new Thread(() -> publish(broker.port(), publisher), "overload-publisher-" + p);
                thread.start();
                publishers.add(thread);
            }
            for (Thread publisher : publishers) {
                publisher.join(Duration.ofSeconds(60).toMillis());
            }

            long sent = (long) PUBLISHERS * MESSAGES_PER_PUBLISHER;
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(subscriber.received()).as("broker log: %s", log.groups())
                            .isEqualTo(sent));
            assertThat(log.groups()).noneMatch(group -> group.pattern().contains("queue") && group.pattern().contains("full"));
        }
    }

    private static void publish(int port, int publisher) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(PacketBuilder.connect(Protocol.V5, PacketBuilder.utf8("overload-publisher-" + publisher), true));
            byte[] message = PacketBuilder.publish(Protocol.V5, 0, false,
                    PacketBuilder.utf8("overload/" + publisher), 0, PacketBuilder.utf8("{\"unread\":1}"));
            byte[] batch = new byte[message.length * BATCH];
            for (int i = 0; i < BATCH; i++) {
                System.arraycopy(message, 0, batch, i * message.length, message.length);
            }
            for (int sent = 0; sent < MESSAGES_PER_PUBLISHER; sent += BATCH) {
                out.write(batch);
            }
            out.write(PacketBuilder.disconnect());
            out.flush();
            // the broker closes the connection once it has read the DISCONNECT
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new IllegalStateException("publisher " + publisher + " failed", e);
        }
    }

    /** Reads PUBLISH packets off a raw MQTT connection as fast as they come, and counts them. */
    private static final class CountingSubscriber implements AutoCloseable {

        private final Socket socket;
        private final AtomicLong publishes = new AtomicLong();
        private final Thread reader;

        private CountingSubscriber(Socket socket) {
            this.socket = socket;
            this.reader = new Thread(this::read, "overload-subscriber");
            reader.setDaemon(true);
            reader.start();
        }

        static CountingSubscriber connect(int port, String filter) throws IOException {
            Socket socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write(PacketBuilder.concat(
                    PacketBuilder.connect(Protocol.V5, PacketBuilder.utf8("overload-subscriber"), true),
                    PacketBuilder.subscribe(Protocol.V5, 1, PacketBuilder.utf8(filter), 0)));
            CountingSubscriber subscriber = new CountingSubscriber(socket);
            await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.subscribed);
            return subscriber;
        }

        private volatile boolean subscribed;

        private void read() {
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
                while (true) {
                    int type = in.readUnsignedByte() >> 4;
                    in.skipNBytes(AttackerConnection.remainingLength(in));
                    if (type == 3) {
                        publishes.incrementAndGet();
                    } else if (type == 9) {
                        subscribed = true;
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        long received() {
            return publishes.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
