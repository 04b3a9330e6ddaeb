package dev.reddot.broker.pipeline;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * Lowers an MQTT 5 Session Expiry Interval longer than {@code max-session-expiry} before Moquette sees the CONNECT, and
 * then announces the value used in CONNACK (MQTT 5 3.2.2.3.2), which {@link ConnackProperties} otherwise leaves out.
 * A CONNECT without the property gets an explicit 0, the value MQTT 5 gives an absent one: Moquette 0.18.3 gave such
 * a session (clean start 0) its global expiry instead, a persistent session the client never asked for. MQTT 3.1.1
 * persistent sessions expire after the same maximum through Moquette's {@code persistent_client_expiration}.
 */
final class SessionExpiryCap extends ChannelDuplexHandler {

    /** The interval this handler lowered the client's to, for CONNACK; -1 when the client's stood. */
    private long capped = -1;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()
                && connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel()) {
            ctx.fireChannelRead(capped(connect, QuotasOfConnection.of(ctx).limits().maxSessionExpirySeconds()));
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private MqttConnectMessage capped(MqttConnectMessage connect, long maximum) {
        long asked = ConnectingClient.of(connect).sessionExpiry();
        boolean absent = connect.variableHeader().properties()
                .getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value()) == null;
        if (asked <= maximum && !absent) {
            return connect;
        }
        long used = Math.min(asked, maximum);
        capped = asked > maximum ? used : -1;
        MqttConnectVariableHeader header = connect.variableHeader();
        MqttProperties properties = new MqttProperties();
        header.properties().listAll().stream()
                .filter(property -> property.propertyId() != MqttPropertyType.SESSION_EXPIRY_INTERVAL.value())
                .forEach(properties::add);
        properties.add(sessionExpiry(used));
        return new MqttConnectMessage(connect.fixedHeader(),
                new MqttConnectVariableHeader(header.name(), header.version(), header.hasUserName(),
                        header.hasPassword(), header.isWillRetain(), header.willQos(), header.isWillFlag(),
                        header.isCleanSession(), header.keepAliveTimeSeconds(), properties),
                connect.payload());
    }

    private static MqttProperties.IntegerProperty sessionExpiry(long seconds) {
        return new MqttProperties.IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), (int) seconds);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (capped >= 0 && msg instanceof MqttConnAckMessage connack
                && connack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            ctx.write(ConnackProperties.replacing(connack, sessionExpiry(capped)).message(), promise);
            capped = -1;
            return;
        }
        ctx.write(msg, promise);
    }
}
