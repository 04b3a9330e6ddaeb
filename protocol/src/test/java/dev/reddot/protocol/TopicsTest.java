package dev.reddot.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesTheDeviceOfATopicBelowIt() {
        assertThat(Topics.deviceIdOf("devices/sensor-1/telemetry")).contains("sensor-1");
        assertThat(Topics.deviceIdOf("devices/sensor-1/a/b/c")).contains("sensor-1");
        assertThat(Topics.deviceIdOf(Topics.alerts("d.2"))).contains("d.2");
    }

    @Test
    void namesNoDeviceForOtherTopics() {
        assertThat(Topics.deviceIdOf("devices/sensor-1")).isEmpty();
        assertThat(Topics.deviceIdOf("devices/sensor-1/")).isEmpty();
        assertThat(Topics.deviceIdOf("devices//telemetry")).isEmpty();
        assertThat(Topics.deviceIdOf("devices/bad id/telemetry")).isEmpty();
        assertThat(Topics.deviceIdOf(Topics.unreadCount("alice"))).isEmpty();
        assertThat(Topics.deviceIdOf(null)).isEmpty();
    }
}
