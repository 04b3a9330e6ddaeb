package dev.reddot.broker.pipeline;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;

/** Small packets Reddot's handlers pass to Moquette on a client's behalf. */
final class Packets {

    private Packets() {
    }

    /** A PUBACK, PUBREC or PUBCOMP for {@code packetId}, as the client would have sent it. */
    static MqttMessage acknowledgement(MqttMessageType type, int packetId) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(packetId));
    }

    static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }
}
