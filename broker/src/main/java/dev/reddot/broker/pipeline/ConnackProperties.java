package dev.reddot.broker.pipeline;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

/**
 * Makes an MQTT 5 CONNACK tell the truth about the limits Moquette 0.18.3 misreports or Reddot adds:
 * <ul>
 *   <li>Session Expiry Interval: Moquette always sends 4,294,967,295 (never expires) although it keeps the session
 *       for the interval the client asked for. Without the property the client's value stands (MQTT 5 3.2.2.3.2),
 *       which is what Moquette does.</li>
 *   <li>Maximum Packet Size: Moquette enforces one ({@code netty.mqtt.message_size}) but does not announce it, so a
 *       client learnt of it only by being disconnected.</li>
 *   <li>Topic Alias Maximum: the aliases {@link TopicAliases} resolves in front of Moquette.</li>
 * </ul>
 */
final class ConnackProperties extends ChannelOutboundHandlerAdapter {

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttConnAckMessage connack && connack.variableHeader().properties() != MqttProperties.NO_PROPERTIES) {
            ctx.write(truthful(connack), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private static MqttConnAckMessage truthful(MqttConnAckMessage connack) {
        return replacing(connack,
                new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(),
                        BrokerLimits.MAXIMUM_PACKET_SIZE),
                new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(),
                        BrokerLimits.TOPIC_ALIAS_MAXIMUM))
                .withoutSessionExpiry();
    }

    /** {@code connack} with {@code properties} in place of any of the same kind. */
    static Rewritten replacing(MqttConnAckMessage connack, MqttProperties.MqttProperty<?>... properties) {
        return new Rewritten(connack).replacing(properties);
    }

    /** A CONNACK whose properties are being changed. */
    static final class Rewritten {

        private final MqttConnAckMessage connack;
        private final List<MqttProperties.MqttProperty<?>> properties;

        private Rewritten(MqttConnAckMessage connack) {
            this.connack = connack;
            this.properties = new ArrayList<>();
            connack.variableHeader().properties().listAll().forEach(properties::add);
        }

        Rewritten replacing(MqttProperties.MqttProperty<?>... replacements) {
            for (MqttProperties.MqttProperty<?> replacement : replacements) {
                without(replacement.propertyId());
                properties.add(replacement);
            }
            return this;
        }

        MqttConnAckMessage withoutSessionExpiry() {
            return without(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value()).message();
        }

        private Rewritten without(int propertyId) {
            properties.removeIf(property -> property.propertyId() == propertyId);
            return this;
        }

        MqttConnAckMessage message() {
            MqttProperties rewritten = new MqttProperties();
            properties.forEach(rewritten::add);
            MqttConnAckVariableHeader header = connack.variableHeader();
            return new MqttConnAckMessage(connack.fixedHeader(),
                    new MqttConnAckVariableHeader(header.connectReturnCode(), header.isSessionPresent(), rewritten));
        }
    }
}
