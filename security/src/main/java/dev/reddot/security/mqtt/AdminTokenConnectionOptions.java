package dev.reddot.security.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;

/**
 * Connection options for {@code reddot.security.mode=token}: user name = the client id, password = an admin token
 * for it, minted from the shared secret. Paho reads the password from these options at every connect and automatic
 * reconnect, so each connection starts with a fresh token; the long lifetime covers a connection that lasts, since
 * the broker takes a client's rights away once its token has expired.
 */
public final class AdminTokenConnectionOptions extends MqttConnectionOptions {

    static final Duration TOKEN_LIFETIME = Duration.ofDays(365);

    private final AccessTokens tokens;

    public AdminTokenConnectionOptions(AccessTokens tokens, String clientId) {
        this.tokens = tokens;
        setUserName(clientId);
    }

    @Override
    public byte[] getPassword() {
        return tokens.mint(getUserName(), Scope.ADMIN, TOKEN_LIFETIME).getBytes(StandardCharsets.UTF_8);
    }
}
