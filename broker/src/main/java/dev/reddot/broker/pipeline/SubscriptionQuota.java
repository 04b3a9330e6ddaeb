package dev.reddot.broker.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the topic filters one client's session may hold subscribed ({@code subscriptions-per-client}); Moquette 0.18.3
 * keeps any number, each costing memory in its subscription tree and work on every publish. The filters beyond the
 * cap never reach Moquette and get SUBACK 0x97 Quota exceeded (3.1.1: 0x80 Failure); the others are subscribed as
 * usual. A filter subscribed again takes no second place; an UNSUBSCRIBE frees one. The count is the broker's
 * ({@link Subscriptions}), read from its store at start-up and kept up to date with it, so neither a reconnect nor a
 * restart resets a persistent session's count, and a session the store drops (expired, cleaned) holds none.
 * {@code admin} tokens (a gateway may serve many users) are not capped.
 */
final class SubscriptionQuota extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionQuota.class);
    private static final int FAILURE = 0x80;

    private ConnectingClient client;
    /** The broker's count; null for a connection that is not capped. */
    private Subscriptions subscriptions;
    /** Packet id of a SUBSCRIBE on its way to Moquette → what its SUBACK must be told. */
    private final Map<Integer, Pending> pending = new HashMap<>();

    /**
     * The filters passed to Moquette, those of them that took a new place (freed again if Moquette refuses them), and
     * the position of each filter beyond the cap in the client's SUBSCRIBE.
     */
    private record Pending(List<String> passed, Set<String> taken, List<Integer> refused) {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess() && client == null) {
            client = ConnectingClient.of(connect);
            if (!client.isService()) {
                BrokerQuotas quotas = QuotasOfConnection.of(ctx);
                // an empty client id gets one from Moquette that only Moquette knows: this connection counts alone
                subscriptions = client.clientId().isEmpty()
                        ? new Subscriptions(quotas.limits().subscriptionsPerClient()) : quotas.subscriptions();
            }
        } else if (subscriptions != null && msg instanceof MqttSubscribeMessage subscribe
                && subscribe.decoderResult().isSuccess()) {
            withinQuota(ctx, subscribe);
            return;
        } else if (subscriptions != null && msg instanceof MqttUnsubscribeMessage unsubscribe
                && unsubscribe.decoderResult().isSuccess()) {
            unsubscribe.payload().topics().forEach(filter -> subscriptions.release(client.clientId(), filter));
        }
        ctx.fireChannelRead(msg);
    }

    private void withinQuota(ChannelHandlerContext ctx, MqttSubscribeMessage subscribe) {
        List<MqttTopicSubscription> allowed = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<Integer> refused = new ArrayList<>();
        List<MqttTopicSubscription> asked = subscribe.payload().topicSubscriptions();
        for (int i = 0; i < asked.size(); i++) {
            String filter = asked.get(i).topicFilter();
            Subscriptions.Admission admission = subscriptions.admit(client.clientId(), filter);
            if (admission == Subscriptions.Admission.NEW) {
                taken.add(filter);
            }
            if (admission.admitted()) {
                allowed.add(asked.get(i));
            } else {
                refused.add(i);
            }
        }
        int packetId = subscribe.idAndPropertiesVariableHeader().messageId();
        pending.put(packetId, new Pending(allowed.stream().map(MqttTopicSubscription::topicFilter).toList(), taken,
                refused));
        if (refused.isEmpty()) {
            ctx.fireChannelRead(subscribe);
            return;
        }
        LOG.info("{}: {} holds {} subscriptions, the most a client may; {} of the {} filters of its SUBSCRIBE refused",
                ctx.channel().remoteAddress(), client.subject(), subscriptions.count(client.clientId()),
                refused.size(), asked.size());
        if (allowed.isEmpty()) {
            pending.remove(packetId);
            ctx.writeAndFlush(subAck(packetId, merged(refused, List.of(), asked.size())));
            return;
        }
        ctx.fireChannelRead(new MqttSubscribeMessage(subscribe.fixedHeader(), subscribe.idAndPropertiesVariableHeader(),
                new MqttSubscribePayload(allowed)));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttSubAckMessage suback) {
            Pending subscription = pending.remove(suback.variableHeader().messageId());
            if (subscription != null) {
                List<Integer> codes = suback.payload().reasonCodes();
                for (int i = 0; i < codes.size() && i < subscription.passed().size(); i++) {
                    String filter = subscription.passed().get(i);
                    if (codes.get(i) >= FAILURE && subscription.taken().contains(filter)) {
                        subscriptions.release(client.clientId(), filter);
                    }
                }
                if (!subscription.refused().isEmpty()) {
                    ctx.write(subAck(suback.variableHeader().messageId(),
                            merged(subscription.refused(), codes, codes.size() + subscription.refused().size())),
                            promise);
                    return;
                }
            }
        }
        ctx.write(msg, promise);
    }

    /** Moquette's codes for the filters it saw, with Quota exceeded at the positions of those it did not. */
    private List<Integer> merged(List<Integer> refused, List<Integer> moquettes, int filters) {
        int quotaExceeded = client.mqtt5() ? MqttReasonCodes.SubAck.QUOTA_EXCEEDED.byteValue() & 0xFF : FAILURE;
        List<Integer> codes = new ArrayList<>(filters);
        int next = 0;
        for (int i = 0; i < filters; i++) {
            codes.add(refused.contains(i) ? quotaExceeded : moquettes.get(next++));
        }
        return codes;
    }

    private static MqttSubAckMessage subAck(int packetId, List<Integer> codes) {
        return new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(codes));
    }
}
