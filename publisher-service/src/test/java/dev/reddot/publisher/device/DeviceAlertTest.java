package dev.reddot.publisher.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.protocol.Topics;
import dev.reddot.publisher.testing.PublisherStack;
import dev.reddot.publisher.testing.SharedStacks;
import dev.reddot.publisher.testing.Store;

/** Devices registered over HTTP; their alerts, published at QoS 1 by a real MQTT client, become notifications. */
@ParameterizedClass
@EnumSource(Store.class)
class DeviceAlertTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedStacks stacks = new SharedStacks();

    private final Store store;
    private PublisherStack reddot;
    private String device;
    private String owner;

    DeviceAlertTest(Store store) {
        this.store = store;
    }

    @BeforeEach
    void registerDevice() throws Exception {
        reddot = stacks.of(store);
        String id = UUID.randomUUID().toString().substring(0, 8);
        device = "d-" + id;
        owner = "o-" + id;
        HttpResponse<String> created = reddot.put("/api/devices/" + device, "{\"owner\":\"" + owner + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"deviceId\":\"" + device + "\",\"owner\":\"" + owner + "\"}");
    }

    @Test
    void registeringAgainAnswers200AndChangesTheOwner() throws Exception {
        HttpResponse<String> again = reddot.put("/api/devices/" + device, "{\"owner\":\"" + owner + "-2\"}");

        assertThat(again.statusCode()).isEqualTo(200);
        try (RecordingMqttClient sensor = RecordingMqttClient.connect(reddot.broker().tcpUrl())) {
            alert(sensor, device, "{\"alertId\":\"a-1\",\"title\":\"Door open\",\"severity\":\"info\"}");
            awaitNotifications(owner + "-2", 1, "Door open");
        }
        assertThat(notificationsOf(owner)).isZero();
    }

    @Test
    void anAlertSentTwiceAtQos1MakesOneNotification() throws Exception {
        try (RecordingMqttClient subscriber = reddot.subscriber("/message/" + owner);
             RecordingMqttClient sensor = RecordingMqttClient.connect(reddot.broker().tcpUrl())) {
            String alert = "{\"alertId\":\"a-17\",\"title\":\"Temperature high\",\"severity\":\"warning\"}";
            alert(sensor, device, alert);
            alert(sensor, device, alert);
            alert(sensor, device, "{\"alertId\":\"a-18\",\"title\":\"Temperature normal\",\"severity\":\"info\"}");

            awaitNotifications(owner, 2, "Temperature normal");
            String inbox = reddot.get("/api/users/" + owner + "/notifications").body();
            assertThat(inbox).contains("\"title\":\"Temperature high\"", "\"body\":\"warning from device " + device + "\"",
                    "\"category\":\"device-alert\"");
            await().atMost(WAIT).until(() -> subscriber.next(WAIT).payload().equals("2"));
            assertThat(reddot.get("/api/users/" + owner + "/unread-count").body()).contains("\"count\":2", "\"seq\":2");
        }
    }

    @Test
    void unknownDevicesAndMalformedAlertsAreDroppedAndTheSubscriptionLivesOn() throws Exception {
        long notificationsBefore = allNotifications();
        try (RecordingMqttClient sensor = RecordingMqttClient.connect(reddot.broker().tcpUrl())) {
            alert(sensor, "unknown-" + device, "{\"alertId\":\"a-1\",\"title\":\"Lost\"}");
            alert(sensor, device, "not json");
            alert(sensor, device, "{\"alertId\":\"a b\",\"title\":\"bad id\"}");
            alert(sensor, device, "{\"alertId\":\"a-2\"}");
            alert(sensor, device, "{\"alertId\":\"a-3\",\"title\":\"After the bad ones\"}");

            awaitNotifications(owner, 1, "After the bad ones");
        }
        assertThat(reddot.get("/api/users/" + owner + "/notifications").body()).contains("After the bad ones");
        assertThat(allNotifications()).isEqualTo(notificationsBefore + 1);
        assertThat(reddot.database().sql("SELECT COUNT(*) FROM device_alert WHERE device_id = ?")
                .param("unknown-" + device).query(Long.class).single()).isZero();
    }

    private static void alert(RecordingMqttClient sensor, String deviceId, String json) throws Exception {
        sensor.publish(Topics.alerts(deviceId), json, 1, false, Map.of());
    }

    /** Alerts of one device are handled in order: once the last one is stored, every earlier one was handled. */
    private void awaitNotifications(String user, long expected, String lastTitle) {
        await().atMost(WAIT).until(() -> reddot.database()
                .sql("SELECT COUNT(*) FROM notification WHERE user_id = ? AND title = ?").params(user, lastTitle)
                .query(Long.class).single() > 0);
        assertThat(notificationsOf(user)).isEqualTo(expected);
    }

    private long notificationsOf(String user) {
        return reddot.database().sql("SELECT COUNT(*) FROM notification WHERE user_id = ?").param(user)
                .query(Long.class).single();
    }

    private long allNotifications() {
        return reddot.database().sql("SELECT COUNT(*) FROM notification").query(Long.class).single();
    }
}
