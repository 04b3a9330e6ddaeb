package dev.reddot.broker.retained;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedStoreTest {

    @TempDir
    Path dir;

    @Test
    void keepsEveryPropertyAcrossReopening() {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), 1));
        properties.add(new MqttProperties.StringProperty(MqttPropertyType.CONTENT_TYPE.value(), "text/plain"));
        properties.add(new MqttProperties.BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(), new byte[] {1, 2, 3}));
        MqttProperties.UserProperties users = new MqttProperties.UserProperties();
        users.add("seq", "7");
        users.add("ts", "1732280000000");
        properties.add(users);

        try (RetainedStore store = RetainedStore.open(dir.resolve("retained.mv.db"))) {
            store.retain(publish("/message/alice", "3", properties));
            store.retain(publish("/message/bob", "1", new MqttProperties()));
            store.retain(publish("/message/bob", "2", new MqttProperties()));
            store.clear("/message/nobody");
        }

        try (RetainedStore reopened = RetainedStore.open(dir.resolve("retained.mv.db"))) {
            List<MqttPublishMessage> all = reopened.all();
            assertThat(all).hasSize(2);
            MqttPublishMessage alice = all.stream()
                    .filter(message -> message.variableHeader().topicName().equals("/message/alice")).findFirst().orElseThrow();
            assertThat(alice.fixedHeader().isRetain()).isTrue();
            assertThat(alice.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
            assertThat(alice.payload().toString(StandardCharsets.UTF_8)).isEqualTo("3");
            MqttProperties restored = alice.variableHeader().properties();
            assertThat(((MqttProperties.UserProperties) restored.getProperty(MqttPropertyType.USER_PROPERTY.value())).value())
                    .extracting(pair -> pair.key + "=" + pair.value)
                    .containsExactly("seq=7", "ts=1732280000000");
            assertThat(restored.getProperty(MqttPropertyType.CONTENT_TYPE.value()).value()).isEqualTo("text/plain");
            assertThat(restored.getProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value()).value()).isEqualTo(1);
            assertThat((byte[]) restored.getProperty(MqttPropertyType.CORRELATION_DATA.value()).value())
                    .containsExactly(1, 2, 3);
            MqttPublishMessage bob = all.stream()
                    .filter(message -> message.variableHeader().topicName().equals("/message/bob")).findFirst().orElseThrow();
            assertThat(ByteBufUtil.getBytes(bob.payload())).isEqualTo("2".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void forgetsAClearedTopic() {
        try (RetainedStore store = RetainedStore.open(dir.resolve("retained.mv.db"))) {
            store.retain(publish("/message/alice", "3", new MqttProperties()));
            store.clear("/message/alice");
            assertThat(store.all()).isEmpty();
        }
    }

    private static MqttPublishMessage publish(String topic, String payload, MqttProperties properties) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, true, 0),
                new MqttPublishVariableHeader(topic, 1, properties),
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }
}
