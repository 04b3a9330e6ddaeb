package dev.reddot.broker.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.reddot.broker.testing.RecordingMqttClient;

/** MQTT over WebSocket, which browsers use: the same broker, the same messages. */
final class TransportChecks {

    private TransportChecks() {
    }

    static List<Check> all() {
        return List.of(new Check("MQTT over WebSocket: a subscriber on ws:// receives a publish made over TCP",
                TransportChecks::websocketDelivery));
    }

    private static Verdict websocketDelivery(BrokerUnderTest broker) throws Exception {
        if (broker.websocketUrl().isEmpty()) {
            return Verdict.notApplicable("no WebSocket listener given");
        }
        String topic = Names.topic() + "/ws";
        try (RecordingMqttClient browser = RecordingMqttClient.connect(broker.websocketUrl().get()).subscribe(topic, 1);
             RecordingMqttClient device = RecordingMqttClient.connect(broker.tcpUrl())) {
            device.publish(topic, "over-tcp", 1, false, Map.of());
            RecordingMqttClient.Received received = browser.next(Duration.ofSeconds(3));
            return "over-tcp".equals(received.payload()) ? Verdict.pass("delivered over " + broker.websocketUrl().get())
                    : Verdict.fail("delivered " + received.payload());
        }
    }
}
