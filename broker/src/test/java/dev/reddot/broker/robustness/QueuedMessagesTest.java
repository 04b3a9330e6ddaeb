package dev.reddot.broker.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.protocol.security.Scope;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's persistent session is offline while 5,000 QoS 1 messages are published to it: it keeps the newest 1,000
 * (the default {@code queued-messages-per-session}), and the broker's memory stays bounded.
 */
class QueuedMessagesTest {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedMessagesTest.class);
    private static final int PUBLISHED = 5_000;
    private static final int CAP = 1_000;
    private static final String TOPIC = "devices/sensor-7/config";

    @RegisterExtension
    final AttackedBroker broker = AttackedBroker.forEachTest();

    @Test
    void anOfflineSessionKeepsOnlyTheNewestThousandMessages() throws Exception {
        deviceSession().subscribe(TOPIC, 1).close();
        long before = BrokerMemory.usedBytes();
        try (RecordingMqttClient publisher = RecordingMqttClient.connectWithToken(broker.broker().tcpUrl(),
                "publisher-service", broker.token("publisher-service", Scope.ADMIN))) {
            for (int i = 0; i < PUBLISHED; i++) {
                publisher.publish(TOPIC, Integer.toString(i), 1, false, Map.of());
            }
        }
        long after = BrokerMemory.usedBytes();
        List<Integer> received = new ArrayList<>();
        try (RecordingMqttClient device = deviceSession()) {
            List<RecordingMqttClient.Received> batch;
            while (!(batch = device.drain(Duration.ofSeconds(3))).isEmpty()) {
                batch.forEach(message -> received.add(Integer.parseInt(message.payload())));
            }
        }
        LOG.info("{} QoS 1 messages to an offline session: {} delivered on reconnect, from {} to {}; broker memory {} "
                        + "before, {} after (+{})", PUBLISHED, received.size(), received.get(0),
                received.get(received.size() - 1), BrokerMemory.mib(before), BrokerMemory.mib(after),
                BrokerMemory.mib(after - before));
        // QoS 1 is at least once: a message resent after a reconnect may arrive twice, it is still one queued message
        assertThat(received.stream().distinct().toList()).as("the newest 1,000, in order")
                .isEqualTo(IntStream.range(PUBLISHED - CAP, PUBLISHED).boxed().toList());
        assertThat(after - before).as("broker memory growth").isLessThan(16L << 20);
    }

    private RecordingMqttClient deviceSession() throws Exception {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("sensor-7");
        options.setPassword(broker.token("sensor-7", Scope.DEVICE).getBytes());
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3_600L);
        return RecordingMqttClient.connect(broker.broker().tcpUrl(), "sensor-7", options);
    }
}
