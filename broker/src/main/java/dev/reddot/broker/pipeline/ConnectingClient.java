package dev.reddot.broker.pipeline;

import java.util.Optional;

import dev.reddot.broker.security.ClientIdNamespace;
import dev.reddot.protocol.security.AccessToken;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * What a limit needs to know of a connection from its CONNECT: its protocol, client id, session and the claims of its
 * token (in the password, verified by the broker's authenticator before the connection is accepted; none in open
 * mode).
 *
 * @param sessionExpiry the MQTT 5 Session Expiry Interval asked for, in seconds (0 when absent or MQTT 3.1.1)
 */
record ConnectingClient(boolean mqtt5, String clientId, boolean cleanStart, long sessionExpiry,
                        Optional<AccessToken> token) {

    static ConnectingClient of(MqttConnectMessage connect) {
        MqttProperties.MqttProperty<?> expiry = connect.variableHeader().properties()
                .getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
        return new ConnectingClient(connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel(),
                connect.payload().clientIdentifier(), connect.variableHeader().isCleanSession(),
                expiry == null ? 0 : Integer.toUnsignedLong((Integer) expiry.value()),
                ConnectToken.of(connect));
    }

    boolean isService() {
        return BrokerQuotas.isService(token);
    }

    /** Whether the broker keeps this client's session after the connection ends. */
    boolean persistentSession() {
        return !clientId.isEmpty() && (mqtt5 ? sessionExpiry > 0 : !cleanStart);
    }

    /** What the per-subject caps count by: the subject within its scope (a user and a device may share a name). */
    String principal() {
        return token.map(claims -> ClientIdNamespace.of(claims, "")).orElse("");
    }

    /** For log lines: the token's subject, never the token. */
    String subject() {
        return token.map(AccessToken::subject).orElse("(no token)");
    }
}
