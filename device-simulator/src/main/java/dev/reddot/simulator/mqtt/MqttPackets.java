package dev.reddot.simulator.mqtt;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;

/** The packets the client sends, and what it reads out of the broker's, for either protocol version. */
final class MqttPackets {

    private MqttPackets() {
    }

    static MqttMessage connect(MqttClientOptions options) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(options.protocol().nettyVersion())
                .clientId(options.clientId())
                .cleanSession(options.cleanStart())
                .keepAlive(options.keepAliveSeconds());
        if (options.username() != null) {
            connect.hasUser(true).username(options.username());
        }
        if (options.password() != null) {
            connect.hasPassword(true).password(options.password().getBytes(StandardCharsets.UTF_8));
        }
        if (options.protocol() == MqttProtocol.V5 && options.sessionExpirySeconds() > 0) {
            MqttProperties properties = new MqttProperties();
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL,
                    (int) options.sessionExpirySeconds()));
            connect.properties(properties);
        }
        return connect.build();
    }

    static MqttPublishMessage publishMessage(OutgoingPublish publish, int packetId) {
        MqttProperties properties = new MqttProperties();
        publish.userProperties().forEach((name, value) -> properties.add(new MqttProperties.UserProperty(name, value)));
        return MqttMessageBuilders.publish()
                .topicName(publish.topic())
                .properties(properties)
                .qos(publish.qos())
                .retained(publish.retain())
                .messageId(packetId)
                .payload(Unpooled.wrappedBuffer(publish.payload()))
                .build();
    }

    static MqttMessage pubReply(MqttMessageType type, int packetId, MqttQoS qos) {
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                MqttMessageIdVariableHeader.from(packetId));
    }

    static MqttMessage fixedHeaderOnly(MqttMessageType type) {
        return new MqttMessage(new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0));
    }

    static int packetId(MqttMessage message) {
        return ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
    }

    static int reasonCode(MqttMessage message) {
        return message.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply
                ? reply.reasonCode() & 0xFF : 0;
    }

    static int disconnectReason(MqttMessage message) {
        return message.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader reason
                ? reason.reasonCode() & 0xFF : 0;
    }

    static String hex(int code) {
        return String.format("0x%02X", code & 0xFF);
    }
}
