package dev.reddot.broker.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.Scope;
import io.moquette.broker.SessionCommandsOnLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits of one running broker ({@code reddot.broker.limits.*}), and the pages that may open its WebSocket
 * listeners, shared by the handlers of all its connections. One per broker start; a connection's handlers find it
 * with {@link QuotasOfConnection}.
 */
public final class BrokerQuotas {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerQuotas.class);

    private final BrokerProperties.Limits limits;
    private final Optional<OriginPatterns> webSocketOrigins;
    private final Subscriptions subscriptions;
    private final RetainedTopics retainedTopics;
    private final PersistentSessions persistentSessions;
    private final PublishBudgets publishBudgets;
    private final UnacknowledgedDeliveries unacknowledgedDeliveries = new UnacknowledgedDeliveries();
    /** Set once Moquette has started; a connection before that gets Moquette's own session handling. */
    private volatile SessionCommandsOnLoops sessionCommands;
    /** Set once Moquette has started, with Reddot's store in front of its own. */
    private volatile RetainedAhead retainedAhead;
    private final ListenerTraffic traffic;

    public BrokerQuotas(BrokerProperties.Limits limits) {
        this(limits, Optional.empty());
    }

    /** @param webSocketOrigins the origins a WebSocket handshake may come from; empty: any (token mode) */
    public BrokerQuotas(BrokerProperties.Limits limits, Optional<OriginPatterns> webSocketOrigins) {
        this(limits, webSocketOrigins, ListenerTraffic.NONE);
    }

    /** @param traffic where the connections' {@link TrafficMeter}s report */
    public BrokerQuotas(BrokerProperties.Limits limits, Optional<OriginPatterns> webSocketOrigins,
                        ListenerTraffic traffic) {
        QuotasOfConnection.requireMoquetteFields();
        this.limits = limits;
        this.webSocketOrigins = webSocketOrigins;
        this.subscriptions = new Subscriptions(limits.subscriptionsPerClient());
        this.retainedTopics = new RetainedTopics(limits.retainedTopicsPerDevice());
        this.persistentSessions = new PersistentSessions(limits.persistentSessionsPerSubject());
        this.publishBudgets = new PublishBudgets(limits.publishRatePerSubject(), limits.publishBurstPerSubject());
        this.traffic = traffic;
    }

    /** The client ids' subscriptions, which the broker loads from its store and keeps up to date with it. */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** The devices' retained topics, which the broker loads from its store and keeps up to date with it. */
    public RetainedTopics retainedTopics() {
        return retainedTopics;
    }

    /** The subjects' persistent sessions, which the broker loads from its store and keeps up to date with it. */
    public PersistentSessions persistentSessions() {
        return persistentSessions;
    }

    /** Reddot's commands on the sessions of the started broker, run on their loops. */
    public void sessionCommands(SessionCommandsOnLoops commands) {
        this.sessionCommands = commands;
    }

    Optional<SessionCommandsOnLoops> sessionCommands() {
        return Optional.ofNullable(sessionCommands);
    }

    /** The started broker's store of retained messages, for {@link RetainedBeforeRouting}. */
    public void retainedAhead(RetainedAhead store) {
        this.retainedAhead = store;
    }

    Optional<RetainedAhead> retainedAhead() {
        return Optional.ofNullable(retainedAhead);
    }

    UnacknowledgedDeliveries unacknowledgedDeliveries() {
        return unacknowledgedDeliveries;
    }

    /**
     * Takes over what clients left unacknowledged at the last stop ({@link #keepUnacknowledged}), before
     * the broker accepts connections; answers how many client ids left something. A file that cannot be read costs
     * the resend at once of those deliveries only, not the start.
     */
    public int restoreUnacknowledged(Path file) {
        try {
            List<UnacknowledgedDeliveries.Kept> kept = UnacknowledgedDeliveriesFile.take(file);
            unacknowledgedDeliveries.restore(kept);
            return kept.size();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Unacknowledged deliveries of the last run are not resent: {} cannot be read ({})",
                    file, e.toString());
            return 0;
        }
    }

    /** How many client ids hold deliveries they have not acknowledged. */
    public int clientIdsWithUnacknowledgedDeliveries() {
        return unacknowledgedDeliveries.clientIds().size();
    }

    /** Writes what clients have not acknowledged to {@code file}, once the broker has stopped. */
    public void keepUnacknowledged(Path file) throws IOException {
        UnacknowledgedDeliveriesFile.write(file, unacknowledgedDeliveries.keep());
        unacknowledgedDeliveries.clientIds().forEach(unacknowledgedDeliveries::forget);
    }

    /** Whether every count kept from the store has read it; a CONNECT is judged only then. */
    boolean awaitLoaded() {
        return subscriptions.awaitLoaded() && retainedTopics.awaitLoaded() && persistentSessions.awaitLoaded();
    }

    ListenerTraffic traffic() {
        return traffic;
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

    static boolean isService(Optional<AccessToken> token) {
        return token.map(AccessToken::scope).filter(scope -> scope == Scope.ADMIN).isPresent();
    }
}
