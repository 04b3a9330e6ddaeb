package dev.reddot.broker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

class UnacknowledgedDeliveriesTest {

    private static final long NOW = TimeUnit.SECONDS.toNanos(100);

    private final UnacknowledgedDeliveries deliveries = new UnacknowledgedDeliveries();

    @Test
    void resendsWhatWasNotAcknowledgedWithDupInTheOrderSent() {
        deliveries.sent("phone", 2, publish(2), NOW);
        deliveries.sent("phone", 1, publish(1), NOW);
        deliveries.sent("phone", 3, publish(3), NOW);
        deliveries.acknowledged("phone", 2);

        List<MqttMessage> copies = deliveries.toResend("phone", NOW + 1);

        assertThat(copies).extracting(copy -> ((MqttPublishMessage) copy).variableHeader().packetId())
                .containsExactly(1, 3);
        assertThat(copies).allMatch(copy -> copy.fixedHeader().isDup());
        copies.forEach(ReferenceCountUtil::release);
    }

    @Test
    void leavesToMoquetteWhatWaitedItsFiveSeconds() {
        deliveries.sent("phone", 1, publish(1), NOW);
        deliveries.sent("phone", 2, publish(2), NOW + TimeUnit.SECONDS.toNanos(3));

        List<MqttMessage> copies = deliveries.toResend("phone", NOW + TimeUnit.SECONDS.toNanos(5));

        assertThat(copies).extracting(copy -> ((MqttPublishMessage) copy).variableHeader().packetId())
                .containsExactly(2);
        copies.forEach(ReferenceCountUtil::release);
    }

    @Test
    void releasesWhatItKeptOnceAcknowledgedOrForgotten() {
        MqttPublishMessage acknowledged = publish(1);
        MqttPublishMessage forgotten = publish(2);
        deliveries.sent("phone", 1, acknowledged, NOW);
        deliveries.sent("phone", 2, forgotten, NOW);
        // the encoder releases what was written; the copies kept one reference each
        acknowledged.release();
        forgotten.release();

        deliveries.acknowledged("phone", 1);
        deliveries.forget("phone");

        assertThat(acknowledged.refCnt()).isZero();
        assertThat(forgotten.refCnt()).isZero();
        assertThat(deliveries.toResend("phone", NOW)).isEmpty();
    }

    private static MqttPublishMessage publish(int packetId) {
        ByteBuf payload = Unpooled.copiedBuffer("count", StandardCharsets.UTF_8);
        return MqttMessageBuilders.publish().topicName("/message/alice").qos(MqttQoS.AT_LEAST_ONCE).messageId(packetId)
                .payload(payload).build();
    }
}
