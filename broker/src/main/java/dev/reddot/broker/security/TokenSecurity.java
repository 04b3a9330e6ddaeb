package dev.reddot.broker.security;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.reddot.protocol.Ids;
import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.InvalidTokenException;
import dev.reddot.protocol.security.Scope;
import dev.reddot.protocol.security.TopicAccess;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reddot.security.mode=token}: a client connects with its token's subject as user name and the token as
 * password, and may then subscribe and publish as {@link TopicAccess} says. The client id Moquette sees is already in
 * the principal's namespace ({@link ClientIdNamespace}, put there by the broker's pipeline), so what a client may do
 * follows from its client id alone: no client id ever carries another principal's rights. Refusals are logged at INFO
 * with the reason, never with the token.
 * <p>
 * What a token allows once its {@code exp} has passed is decided per connection, in the pipeline
 * ({@code AccessRefusals}), which holds that connection's token.
 */
public final class TokenSecurity implements IAuthenticator, IAuthorizatorPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(TokenSecurity.class);

    private final AccessTokens tokens;

    public TokenSecurity(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        if (password == null || password.length == 0) {
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
        String refusal = refusal(token, clientId, username);
        if (refusal != null) {
            LOG.info("MQTT client {} refused: {}", clientId, refusal);
            return false;
        }
        return true;
    }

    private static String refusal(AccessToken token, String clientId, String username) {
        if (!token.subject().equals(username)) {
            return "user name " + username + " is not the token's subject " + token.subject();
        }
        if (token.scope() != Scope.ADMIN && !Ids.isValid(token.subject())) {
            return "the token's subject " + token.subject() + " is not a valid user or device id";
        }
        if (!ClientIdNamespace.isUsable(token.subject())) {
            return "the token's subject " + token.subject() + " contains ':'";
        }
        if (!ClientIdNamespace.belongsTo(clientId, token)) {
            // only when Reddot's pipeline is not in front of Moquette: never let a client id cross principals
            return "the client id is outside the namespace of " + token.scope().claim() + " " + token.subject();
        }
        return null;
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        return allowed(client, topic, TopicAccess::maySubscribe, "subscribe to");
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        return allowed(client, topic, TopicAccess::mayPublish, "publish to");
    }

    private interface Rule {
        boolean allows(Scope scope, String subject, String topic);
    }

    private static boolean allowed(String client, Topic topic, Rule rule, String what) {
        Optional<Scope> scope = ClientIdNamespace.scopeOf(client);
        Optional<String> subject = ClientIdNamespace.subjectOf(client);
        boolean allowed = scope.isPresent() && subject.isPresent()
                && rule.allows(scope.get(), subject.get(), topic.toString());
        if (!allowed) {
            LOG.info("MQTT client {} may not {} {}", client, what, topic);
        }
        return allowed;
    }
}
