package io.moquette.broker;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import io.moquette.broker.subscriptions.ISubscriptionsDirectory;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.AttributeKey;

/**
 * Reddot's commands on Moquette 0.18.3's sessions, each run on the session's own event loop, where Moquette runs every
 * command of that client id, so that none races a CONNECT, a PUBACK or a DISCONNECT of the same client. In Moquette's
 * package to reach its package-private API (the session registry, a connection's send quota); see broker/README.md,
 * "Sessions as the client asks", for what each command covers and how to drop it.
 */
public final class SessionCommandsOnLoops {

    /** Where Moquette's handler keeps a connection's {@code MQTTConnection} ({@code NewNettyMQTTHandler}). */
    private static final AttributeKey<Object> MOQUETTE_CONNECTION = AttributeKey.valueOf("connection");

    private final PostOffice postOffice;
    private final SessionRegistry sessions;
    private final ISessionsRepository store;
    private final ISubscriptionsDirectory subscriptions;

    /**
     * @param postOffice    the server's {@code PostOffice} (package-private in Moquette, hence {@code Object} here),
     *                      which routes a command to its client id's loop
     * @param store         where the registry stores the sessions' data
     * @param subscriptions the registry's subscriptions
     */
    public SessionCommandsOnLoops(Object postOffice, SessionRegistry sessions, ISessionsRepository store,
                                  ISubscriptionsDirectory subscriptions) {
        this.postOffice = (PostOffice) postOffice;
        this.sessions = sessions;
        this.store = store;
        this.subscriptions = subscriptions;
    }

    /**
     * Ends {@code clientId}'s session, its connection (if any) closed, its subscriptions and queued messages dropped,
     * if {@code allowed} says so on the session's loop (the authenticator, so that only a CONNECT that will be
     * accepted ends a session). What Moquette does for a clean start, {@code SessionRegistry.purgeSessionState}, which
     * it offers only as {@code Server.disconnectAndPurgeClientState}, failing (NPE) on a session without a connection.
     * Answers whether it was allowed.
     */
    public CompletableFuture<Boolean> purgeIf(String clientId, BooleanSupplier allowed) {
        CompletableFuture<Boolean> purged = new CompletableFuture<>();
        onLoopOf(clientId, "end the session for a clean start", () -> {
            boolean allow = allowed.getAsBoolean();
            if (allow) {
                purge(clientId);
            }
            purged.complete(allow);
        }).whenComplete((done, failed) -> {
            if (failed != null) {
                purged.completeExceptionally(failed);
            }
        });
        return purged;
    }

    private void purge(String clientId) {
        Session session = sessions.retrieve(clientId);
        if (session == null) {
            return;
        }
        if (!session.disconnected()) {
            // a command of this loop never sees a session between states: connecting or connected means bound
            session.closeImmediately();
        }
        if (!session.assignState(Session.SessionStatus.DISCONNECTED, Session.SessionStatus.DESTROYED)) {
            throw new IllegalStateException("session " + clientId + " changed state while being ended: " + session);
        }
        sessions.remove(session);
        store.delete(session.getSessionData());
        subscriptions.removeSharedSubscriptionsForClient(clientId);
    }

    /**
     * Gives the session of {@code channel}'s connection a new Session Expiry Interval, kept in the store too, as a
     * DISCONNECT may ask (MQTT 5 3.14.2.2.2): queued before Moquette's handling of that DISCONNECT, it decides whether
     * Moquette ends the session at once (0) or when it expires. Moquette 0.18.3 keeps the interval of the CONNECT.
     * Nothing if the session has meanwhile been taken over by another connection.
     */
    public CompletableFuture<Void> changeExpiry(Channel channel, String clientId, int seconds) {
        return onLoopOf(clientId, "change the session expiry", () -> {
            Session session = sessions.retrieve(clientId);
            if (session == null || !(channel.attr(MOQUETTE_CONNECTION).get() instanceof MQTTConnection connection)
                    || !session.isBoundTo(connection)) {
                return;
            }
            ISessionsRepository.SessionData data = session.getSessionData();
            ISessionsRepository.SessionData changed = data.hasWill()
                    ? new ISessionsRepository.SessionData(clientId, data.protocolVersion(), data.will(), seconds, Clock.systemUTC())
                    : new ISessionsRepository.SessionData(clientId, data.protocolVersion(), seconds, Clock.systemUTC());
            session.updateSessionData(changed);
            store.saveSession(changed);
        });
    }

    /**
     * Writes the unacknowledged PUBLISH (with DUP) and PUBREL packets of {@code channel}'s session to it, as Moquette's
     * own resend does, slot of the send quota included, so that the client's acknowledgements balance it. Moquette
     * 0.18.3 resends for an MQTT 3.1.1 session only what has waited 5 s. The packets are the caller's; they are not
     * released here.
     */
    public CompletableFuture<Void> resend(Channel channel, String clientId, List<MqttMessage> unacknowledged) {
        return onLoopOf(clientId, "resend unacknowledged at once", () -> {
            if (!(channel.attr(MOQUETTE_CONNECTION).get() instanceof MQTTConnection connection) || !channel.isActive()) {
                return;
            }
            for (MqttMessage packet : unacknowledged) {
                if (packet instanceof MqttPublishMessage publish) {
                    connection.sendPublish(publish);
                    if (connection.sendQuota().hasFreeSlots()) {
                        connection.sendQuota().consumeSlot();
                    }
                } else if (packet.fixedHeader().messageType() == MqttMessageType.PUBREL) {
                    connection.sendIfWritableElseDrop(packet);
                }
            }
            connection.flush();
        });
    }

    /**
     * Makes {@code channel}'s connection number its next PUBLISH after {@code packetId}, before its CONNECT reaches
     * Moquette: Moquette numbers every connection's packets from 1, and a new PUBLISH must not take the id of one the
     * client has not acknowledged yet [MQTT-2.3.1-2]. Moquette's counter is the connection's own and used only once
     * the session is connected, so this runs on the connection's thread, not on a session loop.
     */
    public static void reservePacketIds(Channel channel, int packetId) {
        if (packetId < 1 || packetId > 65_535
                || !(channel.attr(MOQUETTE_CONNECTION).get() instanceof MQTTConnection connection)) {
            return;
        }
        // nextPacketId is the only way to move the counter; at most 65,535 steps
        for (int step = 0; step < 65_535 && connection.nextPacketId() != packetId; step++) {
            // advancing
        }
    }

    /**
     * Takes up to {@code wanted} slots of the send quota (the client's Receive Maximum, MQTT 5) of {@code channel}'s
     * connection for packets Reddot sends that Moquette does not know of, and answers how many it took. Called while
     * Moquette writes the CONNACK, before it marks the session connected: until then its session loop takes no slot of
     * this connection, and what it does next reaches that loop through its command queue, after this.
     */
    public static int takeSendSlots(Channel channel, int wanted) {
        if (!(channel.attr(MOQUETTE_CONNECTION).get() instanceof MQTTConnection connection)
                || connection.sendQuota() == null) {
            return 0;
        }
        int taken = 0;
        while (taken < wanted && connection.sendQuota().hasFreeSlots()) {
            connection.sendQuota().consumeSlot();
            taken++;
        }
        return taken;
    }

    /**
     * Gives back a slot {@link #takeSendSlots} took on {@code channel}'s connection, on the session's loop, where
     * Moquette takes and gives back its own; Moquette sends what waited for it when it next drains the session's queue
     * (after every read of the connection).
     */
    public CompletableFuture<Void> releaseSendSlot(Channel channel, String clientId) {
        return onLoopOf(clientId, "give back a send slot", () -> {
            if (channel.attr(MOQUETTE_CONNECTION).get() instanceof MQTTConnection connection) {
                connection.sendQuota().releaseSlot();
            }
        });
    }

    /**
     * Runs {@code forget} on {@code clientId}'s session loop if Moquette keeps no session of that client id any more
     * (it expired, or a clean session replaced it), confirmed on the session's loop, so that a CONNECT creating a new
     * one cannot come between.
     */
    public CompletableFuture<Void> ifSessionEnded(String clientId, Runnable forget) {
        if (sessions.retrieve(clientId) != null) {
            // kept: no command on the loops, whose queues' fill pauses publishers (PublishBackpressure)
            return CompletableFuture.completedFuture(null);
        }
        return onLoopOf(clientId, "forget what an ended session left unacknowledged", () -> {
            if (sessions.retrieve(clientId) == null) {
                forget.run();
            }
        });
    }

    private CompletableFuture<Void> onLoopOf(String clientId, String what, Runnable command) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        PostOffice.RouteResult routed = postOffice.routeCommand(clientId, what, () -> {
            try {
                command.run();
                done.complete(null);
            } catch (RuntimeException failed) {
                done.completeExceptionally(failed);
                throw failed;
            }
            return null;
        });
        if (!routed.isSuccess()) {
            done.completeExceptionally(new IllegalStateException("the session loop of " + clientId
                    + " refused the command to " + what + " (its queue is full)"));
        }
        return done;
    }
}
