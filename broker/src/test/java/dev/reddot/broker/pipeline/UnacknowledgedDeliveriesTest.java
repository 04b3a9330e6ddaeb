package dev.reddot.broker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnacknowledgedDeliveriesTest {

    private static final long NOW = TimeUnit.SECONDS.toNanos(100);

    private final UnacknowledgedDeliveries deliveries = new UnacknowledgedDeliveries();

    @Test
    void resendsWhatWasNotAcknowledgedWithDupInTheOrderSent() {
        deliveries.sent("phone", 2, publish(2), NOW);
        deliveries.sent("phone", 1, publish(1), NOW);
        deliveries.sent("phone", 3, publish(3), NOW);
        deliveries.acknowledged("phone", 2);

        List<MqttMessage> copies = deliveries.toResend("phone", NOW + 1, false);

        assertThat(copies).extracting(copy -> ((MqttPublishMessage) copy).variableHeader().packetId())
                .containsExactly(1, 3);
        assertThat(copies).allMatch(copy -> copy.fixedHeader().isDup());
        copies.forEach(ReferenceCountUtil::release);
    }

    @Test
    void leavesToMoquetteWhatWaitedItsFiveSeconds() {
        deliveries.sent("phone", 1, publish(1), NOW);
        deliveries.sent("phone", 2, publish(2), NOW + TimeUnit.SECONDS.toNanos(3));

        List<MqttMessage> copies = deliveries.toResend("phone", NOW + TimeUnit.SECONDS.toNanos(5), false);

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
        assertThat(deliveries.toResend("phone", NOW, false)).isEmpty();
    }

    @Test
    void keepsWhatIsUnacknowledgedAcrossARestartAsCopiesMoquetteDoesNotKnow(@TempDir Path dataDir) throws Exception {
        deliveries.sent("phone", 7, publish(7), NOW);
        deliveries.sent("phone", 8, publish(8), NOW);
        deliveries.sent("phone", 9, pubrel(9), NOW);
        deliveries.acknowledged("phone", 7);
        Path file = dataDir.resolve("unacknowledged");
        UnacknowledgedDeliveriesFile.write(file, deliveries.keep());

        UnacknowledgedDeliveries restarted = new UnacknowledgedDeliveries();
        restarted.restore(UnacknowledgedDeliveriesFile.take(file));

        assertThat(file).doesNotExist();
        assertThat(restarted.newestPacketId("phone")).hasValue(8);
        assertThat(restarted.toResend("phone", NOW, false)).isEmpty();
        List<MqttMessage> copies = restarted.toResend("phone", NOW, true);
        assertThat(copies).extracting(UnacknowledgedDeliveries::packetIdOf).containsExactly(8, 9);
        MqttPublishMessage resent = (MqttPublishMessage) copies.get(0);
        assertThat(resent.fixedHeader().isDup()).isTrue();
        assertThat(resent.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        assertThat(resent.variableHeader().topicName()).isEqualTo("/message/alice");
        assertThat(resent.payload().toString(StandardCharsets.UTF_8)).isEqualTo("count");
        assertThat(UnacknowledgedDeliveries.isPubrel(copies.get(1))).isTrue();
        copies.forEach(ReferenceCountUtil::release);
        assertThat(restarted.acknowledged("phone", 8)).isEqualTo(UnacknowledgedDeliveries.Acknowledged.RESTORED);
        assertThat(restarted.acknowledged("phone", 8)).isEqualTo(UnacknowledgedDeliveries.Acknowledged.UNKNOWN);
    }

    @Test
    void aNewPublishTakingTheIdOfARestoredCopySupersedesIt() {
        deliveries.restore(List.of(new UnacknowledgedDeliveries.Kept("phone", 3, List.of(publish(3)))));

        deliveries.sent("phone", 3, publish(3), NOW);

        assertThat(deliveries.toResend("phone", NOW, true)).isEmpty();
        assertThat(deliveries.acknowledged("phone", 3)).isEqualTo(UnacknowledgedDeliveries.Acknowledged.BY_MOQUETTE);
    }

    @Test
    void numbersAfterTheNewestFirstSentNotAfterAResend() {
        deliveries.sent("phone", 1, publish(1), NOW);
        deliveries.sent("phone", 2, publish(2), NOW);
        MqttPublishMessage first = publish(1);
        deliveries.sent("phone", 1, new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, true,
                MqttQoS.AT_LEAST_ONCE, false, 0), first.variableHeader(), first.payload()), NOW);

        assertThat(deliveries.newestPacketId("phone")).hasValue(2);
    }

    private static MqttMessage pubrel(int packetId) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(packetId));
    }

    private static MqttPublishMessage publish(int packetId) {
        ByteBuf payload = Unpooled.copiedBuffer("count", StandardCharsets.UTF_8);
        return MqttMessageBuilders.publish().topicName("/message/alice").qos(MqttQoS.AT_LEAST_ONCE).messageId(packetId)
                .payload(payload).build();
    }
}
