package dev.reddot.broker.pipeline;

import java.util.Optional;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.Scope;

/**
 * The limits of one running broker ({@code reddot.broker.limits.*}), shared by the handlers of all its connections.
 * One per broker start; a connection's handlers find it with {@link QuotasOfConnection}.
 */
public final class BrokerQuotas {

    private final BrokerProperties.Limits limits;

    public BrokerQuotas(BrokerProperties.Limits limits) {
        QuotasOfConnection.requireMoquetteFields();
        this.limits = limits;
    }

    BrokerProperties.Limits limits() {
        return limits;
    }

    /**
     * How many QoS 1 and 2 PUBLISH a connection may have unacknowledged. A service's publisher pipelines its counts
     * and adapts to what CONNACK announces; without a token (open mode) a connection is treated as a device's.
     */
    int receiveMaximum(Optional<AccessToken> token) {
        return isService(token) ? limits.serviceReceiveMaximum() : limits.receiveMaximum();
    }

    static boolean isService(Optional<AccessToken> token) {
        return token.map(AccessToken::scope).filter(scope -> scope == Scope.ADMIN).isPresent();
    }
}
