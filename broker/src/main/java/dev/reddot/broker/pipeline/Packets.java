package dev.reddot.broker.pipeline;

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

    static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }
}
