package dev.reddot.broker.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.AccessTokens;
import io.netty.handler.codec.mqtt.MqttConnectMessage;

/**
 * The claims of the token a CONNECT carries as its password. The handlers read them without the secret: the broker's
 * authenticator verifies the token before Moquette accepts the connection, so a connection whose token is forged or
 * expired never gets past its CONNECT, and whatever a handler did for it is discarded with it.
 */
final class ConnectToken {

    private ConnectToken() {
    }

    static Optional<AccessToken> of(MqttConnectMessage connect) {
        byte[] password = connect.payload().passwordInBytes();
        return password == null ? Optional.empty()
                : AccessTokens.readVerified(new String(password, StandardCharsets.UTF_8));
    }
}
