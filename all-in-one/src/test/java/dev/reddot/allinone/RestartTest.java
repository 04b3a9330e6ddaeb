package dev.reddot.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;

class RestartTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void keepsTheRetainedCountAndGrowsSeqAcrossARestartOnTheSameDataDir() throws Exception {
        try (RunningAllInOne reddot = new RunningAllInOne(dataDir).start()) {
            assertThat(put(reddot, "{\"count\":3}")).contains("\"seq\":1");
            assertThat(put(reddot, "{\"count\":5}")).contains("\"seq\":2");

            reddot.stop();
            reddot.start();

            try (RecordingMqttClient late = RecordingMqttClient.connect(reddot.mqttUrl()).subscribe("/message/frank", 1)) {
                Received retained = late.next(Duration.ofSeconds(10));
                assertThat(retained.payload()).isEqualTo("5");
                assertThat(retained.retained()).isTrue();
                assertThat(retained.userProperties()).containsEntry("seq", "2");
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(get(reddot, "/push/poll/frank")).contains("\"count\":5", "\"seq\":2"));
            assertThat(put(reddot, "{\"count\":6}")).contains("\"seq\":3");
        }
    }

    private String put(RunningAllInOne reddot, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(reddot.http("/api/users/frank/unread-count")))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String get(RunningAllInOne reddot, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(reddot.http(path))).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
