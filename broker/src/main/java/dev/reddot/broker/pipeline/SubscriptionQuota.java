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
 * usual. A filter subscribed again takes no second place; an UNSUBSCRIBE frees one. A persistent session's filters
 * are remembered while it has no connection, so reconnecting does not reset the count. {@code admin} tokens (a
 * gateway may serve many users) are not capped.
 */
final class SubscriptionQuota extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionQuota.class);
    private static final int FAILURE = 0x80;

    private ConnectingClient client;
    private BrokerQuotas quotas;
    private final Set<String> subscribed = new HashSet<>();
    /** Packet id of a SUBSCRIBE on its way to Moquette → what its SUBACK must be told. */
    private final Map<Integer, Pending> pending = new HashMap<>();

    /** The filters passed to Moquette, and the position of each filter beyond the cap in the client's SUBSCRIBE. */
    private record Pending(List<String> passed, List<Integer> refused) {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess() && client == null) {
            client = ConnectingClient.of(connect);
            quotas = QuotasOfConnection.of(ctx);
            subscribed.addAll(quotas.resumeSubscriptions(client.clientId(), client.cleanStart()));
        } else if (client != null && !client.isService() && msg instanceof MqttSubscribeMessage subscribe
                && subscribe.decoderResult().isSuccess()) {
            withinQuota(ctx, subscribe);
            return;
        } else if (client != null && msg instanceof MqttUnsubscribeMessage unsubscribe
                && unsubscribe.decoderResult().isSuccess()) {
            unsubscribe.payload().topics().forEach(subscribed::remove);
        }
        ctx.fireChannelRead(msg);
    }

    private void withinQuota(ChannelHandlerContext ctx, MqttSubscribeMessage subscribe) {
        int cap = quotas.limits().subscriptionsPerClient();
        List<MqttTopicSubscription> allowed = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        List<MqttTopicSubscription> asked = subscribe.payload().topicSubscriptions();
        for (int i = 0; i < asked.size(); i++) {
            String filter = asked.get(i).topicFilter();
            if (subscribed.contains(filter) || subscribed.size() < cap) {
                subscribed.add(filter);
                allowed.add(asked.get(i));
            } else {
                refused.add(i);
            }
        }
        int packetId = subscribe.idAndPropertiesVariableHeader().messageId();
        pending.put(packetId, new Pending(allowed.stream().map(MqttTopicSubscription::topicFilter).toList(), refused));
        if (refused.isEmpty()) {
            ctx.fireChannelRead(subscribe);
            return;
        }
        LOG.info("{}: {} holds {} subscriptions, the most a client may; {} of the {} filters of its SUBSCRIBE refused",
                ctx.channel().remoteAddress(), client.subject(), subscribed.size(), refused.size(), asked.size());
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
                    if (codes.get(i) >= FAILURE) {
                        subscribed.remove(subscription.passed().get(i));
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

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client != null && client.persistentSession()) {
            quotas.keepSubscriptions(client.clientId(), subscribed);
        }
        ctx.fireChannelInactive();
    }
}
