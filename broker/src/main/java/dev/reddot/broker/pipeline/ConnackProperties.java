package dev.reddot.broker.pipeline;

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
        MqttConnAckVariableHeader header = connack.variableHeader();
        MqttProperties properties = new MqttProperties();
        for (MqttProperties.MqttProperty<?> property : header.properties().listAll()) {
            if (property.propertyId() != MqttPropertyType.SESSION_EXPIRY_INTERVAL.value()) {
                properties.add(property);
            }
        }
        properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(),
                BrokerLimits.MAXIMUM_PACKET_SIZE));
        properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(),
                BrokerLimits.TOPIC_ALIAS_MAXIMUM));
        return new MqttConnAckMessage(connack.fixedHeader(),
                new MqttConnAckVariableHeader(header.connectReturnCode(), header.isSessionPresent(), properties));
    }
}
