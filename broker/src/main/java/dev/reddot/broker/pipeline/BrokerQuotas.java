package dev.reddot.broker.pipeline;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.Scope;

/**
 * The limits of one running broker ({@code reddot.broker.limits.*}), and the pages that may open its WebSocket
 * listeners, shared by the handlers of all its connections. One per broker start; a connection's handlers find it
 * with {@link QuotasOfConnection}.
 */
public final class BrokerQuotas {

    private final BrokerProperties.Limits limits;
    private final Optional<OriginPatterns> webSocketOrigins;
    /** The filters of every persistent session while no connection holds it, by client id. */
    private final Map<String, Set<String>> subscriptionsOfAbsentSessions = new ConcurrentHashMap<>();
    private final RetainedTopics retainedTopics;
    private final PersistentSessions persistentSessions;
    private final PublishBudgets publishBudgets;

    public BrokerQuotas(BrokerProperties.Limits limits) {
        this(limits, Optional.empty());
    }

    /** @param webSocketOrigins the origins a WebSocket handshake may come from; empty: any (token mode) */
    public BrokerQuotas(BrokerProperties.Limits limits, Optional<OriginPatterns> webSocketOrigins) {
        QuotasOfConnection.requireMoquetteFields();
        this.limits = limits;
        this.webSocketOrigins = webSocketOrigins;
        this.retainedTopics = new RetainedTopics(limits.retainedTopicsPerDevice());
        this.persistentSessions = new PersistentSessions(limits.persistentSessionsPerSubject());
        this.publishBudgets = new PublishBudgets(limits.publishRatePerSubject(), limits.publishBurstPerSubject());
    }

    /** The devices' retained topics, which the broker loads from its store and keeps up to date with it. */
    public RetainedTopics retainedTopics() {
        return retainedTopics;
    }

    /** The subjects' persistent sessions, which the broker loads from its store and keeps up to date with it. */
    public PersistentSessions persistentSessions() {
        return persistentSessions;
    }

    /** Whether both counts kept from the store have read it; a CONNECT is judged only then. */
    boolean awaitLoaded() {
        return retainedTopics.awaitLoaded() && persistentSessions.awaitLoaded();
    }

    BrokerProperties.Limits limits() {
        return limits;
    }

    Optional<OriginPatterns> webSocketOrigins() {
        return webSocketOrigins;
    }

    /**
     * How many QoS 1 and 2 PUBLISH a connection may have unacknowledged. A service's publisher pipelines its counts
     * and adapts to what CONNACK announces. Without a token (open mode, loopback only) a connection may be the
     * publisher-service and gets a service's figure: with 20, Paho's Java client refused its own sequential publishes
     * now and then ("Too many publishes in progress": it frees the slot after completing the token).
     */
    int receiveMaximum(Optional<AccessToken> token) {
        return token.isEmpty() || isService(token) ? limits.serviceReceiveMaximum() : limits.receiveMaximum();
    }

    /**
     * The PUBLISH budget a connection of {@code client} shares with the other connections of its subject
     * ({@link PublishBudget}), full at {@code nanoTime} if it is the subject's first: a device's or a user's. None for
     * a service, whose counts are every user's, nor in open mode, where no connection has a token and one of them may
     * be the publisher-service. A connection given one {@link #leavePublishBudget leaves} it when it ends.
     */
    Optional<PermitBucket> joinPublishBudget(ConnectingClient client, long nanoTime) {
        return client.token().isEmpty() || client.isService() ? Optional.empty()
                : Optional.of(publishBudgets.join(client.principal(), nanoTime));
    }

    void leavePublishBudget(ConnectingClient client) {
        publishBudgets.leave(client.principal());
    }

    /** The filters a persistent session held when its last connection ended; none for a new or clean one. */
    Set<String> resumeSubscriptions(String clientId, boolean cleanStart) {
        Set<String> kept = subscriptionsOfAbsentSessions.remove(clientId);
        return kept == null || cleanStart ? Set.of() : kept;
    }

    /** Keeps what a persistent session is subscribed to while it has no connection. */
    void keepSubscriptions(String clientId, Set<String> filters) {
        if (!filters.isEmpty()) {
            subscriptionsOfAbsentSessions.put(clientId, Set.copyOf(filters));
        }
    }

    static boolean isService(Optional<AccessToken> token) {
        return token.map(AccessToken::scope).filter(scope -> scope == Scope.ADMIN).isPresent();
    }
}
