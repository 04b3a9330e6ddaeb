package dev.reddot.broker.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.AccessTokens;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * What a limit needs to know of a connection from its CONNECT: its protocol and the claims of its token (in the
 * password, verified by the broker's authenticator before the connection is accepted; none in open mode).
 */
record ConnectingClient(boolean mqtt5, Optional<AccessToken> token) {

    static ConnectingClient of(MqttConnectMessage connect) {
        byte[] password = connect.payload().passwordInBytes();
        return new ConnectingClient(connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel(),
                password == null ? Optional.empty()
                        : AccessTokens.readVerified(new String(password, StandardCharsets.UTF_8)));
    }

    boolean isService() {
        return BrokerQuotas.isService(token);
    }

    /** For log lines: the token's subject, never the token. */
    String subject() {
        return token.map(AccessToken::subject).orElse("(no token)");
    }
}
