package dev.reddot.broker.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/** Small packets Reddot's handlers pass to Moquette on a client's behalf, or answer a client with. */
final class Packets {

    private Packets() {
    }

    /** A PUBACK, PUBREC or PUBCOMP for {@code packetId}, as the client would have sent it. */
    static MqttMessage acknowledgement(MqttMessageType type, int packetId) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(packetId));
    }

    /** An MQTT 5 PUBACK, PUBREC or PUBCOMP for {@code packetId} carrying a reason code. */
    static MqttMessage reply(MqttMessageType type, int packetId, byte reasonCode) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, reasonCode, MqttProperties.NO_PROPERTIES));
    }

    /**
     * Answers a PUBLISH that Reddot refuses before Moquette sees it. MQTT 5: PUBACK or PUBREC with
     * {@code reasonCode}. MQTT 3.1.1 has no reason codes and lets a server either acknowledge a PUBLISH it does not
     * perform or close the connection [MQTT-3.3.5-2]: a plain PUBACK at QoS 1, the connection closed at QoS 2 (a
     * PUBREC would start an exchange that Moquette knows nothing of). Nothing at QoS 0.
     */
    static void refusePublish(ChannelHandlerContext ctx, boolean mqtt5, MqttQoS qos, int packetId, byte reasonCode) {
        if (qos == MqttQoS.AT_MOST_ONCE) {
            return;
        }
        if (!mqtt5 && qos == MqttQoS.EXACTLY_ONCE) {
            ctx.close();
            return;
        }
        MqttMessageType answer = qos == MqttQoS.AT_LEAST_ONCE ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        ctx.writeAndFlush(mqtt5 ? reply(answer, packetId, reasonCode) : acknowledgement(answer, packetId));
    }

    static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }
}
