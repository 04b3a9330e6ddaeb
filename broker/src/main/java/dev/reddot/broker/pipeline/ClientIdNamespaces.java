package dev.reddot.broker.pipeline;

import java.util.Optional;
import java.util.UUID;

import dev.reddot.broker.security.ClientIdNamespace;
import dev.reddot.protocol.security.AccessToken;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * Puts the client id of a CONNECT that carries a token into its principal's namespace ({@link ClientIdNamespace})
 * before Moquette sees it. Moquette 0.18.3 keys sessions, takeovers and rights by client id alone: a client that
 * connected with the gateway's client id took over the gateway's session and knocked it off the broker.
 * <p>
 * An empty client id (MQTT 5, or MQTT 3.1.1 with a clean session) gets a generated one inside the namespace, which an
 * MQTT 5 client learns from CONNACK's Assigned Client Identifier, as when Moquette generates one. MQTT 3.1.1 with an
 * empty client id and a persistent session goes on unchanged, for Moquette to refuse [MQTT-3.1.3-8].
 */
final class ClientIdNamespaces extends ChannelDuplexHandler {

    /** The id this handler generated for an MQTT 5 client that sent none, for CONNACK. */
    private String assigned;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            Optional<AccessToken> token = ConnectToken.of(connect);
            if (token.isPresent()) {
                ctx.fireChannelRead(inNamespace(connect, token.get()));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private MqttConnectMessage inNamespace(MqttConnectMessage connect, AccessToken token) {
        String clientId = connect.payload().clientIdentifier();
        boolean mqtt5 = connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel();
        if (clientId == null || clientId.isEmpty()) {
            if (!mqtt5 && !connect.variableHeader().isCleanSession()) {
                return connect;
            }
            clientId = UUID.randomUUID().toString().replace("-", "");
            assigned = mqtt5 ? clientId : null;
        }
        MqttConnectPayload payload = connect.payload();
        return new MqttConnectMessage(connect.fixedHeader(), connect.variableHeader(),
                new MqttConnectPayload(ClientIdNamespace.of(token, clientId), payload.willProperties(),
                        payload.willTopic(), payload.willMessageInBytes(), payload.userName(),
                        payload.passwordInBytes()));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (assigned != null && msg instanceof MqttConnAckMessage connack
                && connack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            MqttConnAckVariableHeader header = connack.variableHeader();
            MqttProperties properties = new MqttProperties();
            header.properties().listAll().forEach(properties::add);
            properties.add(new MqttProperties.StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(),
                    assigned));
            assigned = null;
            ctx.write(new MqttConnAckMessage(connack.fixedHeader(),
                    new MqttConnAckVariableHeader(header.connectReturnCode(), header.isSessionPresent(), properties)),
                    promise);
            return;
        }
        ctx.write(msg, promise);
    }
}
