package io.moquette.broker;

import java.util.List;
import java.util.concurrent.CompletableFuture;

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

    /**
     * @param postOffice the server's {@code PostOffice} (package-private in Moquette, hence {@code Object} here), which
     *                   routes a command to its client id's loop
     */
    public SessionCommandsOnLoops(Object postOffice, SessionRegistry sessions) {
        this.postOffice = (PostOffice) postOffice;
        this.sessions = sessions;
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
