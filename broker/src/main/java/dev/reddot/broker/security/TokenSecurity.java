package dev.reddot.broker.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.InvalidTokenException;
import dev.reddot.protocol.security.TopicAccess;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reddot.security.mode=token}: a client connects with its token's subject as user name and the token as
 * password, and may then subscribe and publish as {@link TopicAccess} says. Refusals are logged at INFO with the
 * reason, never with the token.
 */
public final class TokenSecurity implements IAuthenticator, IAuthorizatorPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(TokenSecurity.class);

    private final AccessTokens tokens;
    private final AuthenticatedClients clients;
    private final Clock clock;

    public TokenSecurity(AccessTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clients = new AuthenticatedClients(clock);
        this.clock = clock;
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        if (password == null) {
            LOG.info("MQTT client {} refused: no token (send it as the password)", clientId);
            return false;
        }
        AccessToken token;
        try {
            token = tokens.verify(new String(password, StandardCharsets.UTF_8));
        } catch (InvalidTokenException e) {
            LOG.info("MQTT client {} (user {}) refused: {}", clientId, username, e.getMessage());
            return false;
        }
        if (!token.subject().equals(username)) {
            LOG.info("MQTT client {} refused: user name {} is not the token's subject {}", clientId, username,
                    token.subject());
            return false;
        }
        clients.loggedIn(clientId, token);
        return true;
    }

    /**
     * The client's token while it has not expired: a connection outlives its token, but from the token's expiry on it
     * may no longer subscribe or publish (what it subscribed to before keeps arriving).
     */
    private Optional<AccessToken> validTokenOf(String client) {
        return clients.tokenOf(client).filter(token -> token.expiresAt().isAfter(clock.instant()));
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        boolean allowed = validTokenOf(client).map(token -> TopicAccess.maySubscribe(token, topic.toString()))
                .orElse(false);
        if (!allowed) {
            LOG.info("MQTT client {} (user {}) may not subscribe to {}", client, user, topic);
        }
        return allowed;
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        boolean allowed = validTokenOf(client).map(token -> TopicAccess.mayPublish(token, topic.toString()))
                .orElse(false);
        if (!allowed) {
            LOG.info("MQTT client {} (user {}) may not publish to {}", client, user, topic);
        }
        return allowed;
    }
}
