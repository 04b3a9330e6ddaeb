package dev.reddot.broker.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.TopicAccess;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, before Moquette sees it, whatever a connection's token does not allow ({@link TopicAccess}), with the
 * reason codes MQTT has for it. Moquette 0.18.3 answered a refused SUBSCRIBE with 0x80 instead of 0x87 and still added
 * a refused shared subscription, gave a refused QoS 1 or 2 PUBLISH no answer at all (the client waited forever), and
 * published a Will Message without asking its authorizer.
 * <ul>
 *   <li>CONNECT with a Will Message its token may not publish: CONNACK 0x87 Not authorized (MQTT 3.1.1: 0x05), closed.
 *       Checked once, at CONNECT, since Moquette publishes the will later without asking.</li>
 *   <li>SUBSCRIBE: the filters the token does not allow, shared ones included, never reach Moquette; the SUBACK gets
 *       0x87 (MQTT 3.1.1: 0x80) in their places and Moquette's codes for the others.</li>
 *   <li>PUBLISH: MQTT 5 gets PUBACK or PUBREC 0x87; MQTT 3.1.1, which has no reason codes, gets a PUBACK at QoS 1 and
 *       loses the connection at QoS 2 [MQTT-3.3.5-2]; QoS 0 is dropped.</li>
 * </ul>
 * A connection outlives its token: once the token's {@code exp} has passed, it may neither subscribe nor publish,
 * though what it subscribed to before keeps arriving. Without a token (open mode) this handler does nothing.
 */
final class AccessRefusals extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AccessRefusals.class);

    private Optional<AccessToken> token = Optional.empty();
    private boolean mqtt5;
    /** Per SUBSCRIBE packet id: the positions of the filters refused here, for Moquette's SUBACK. */
    private final Map<Integer, boolean[]> refusedFilters = new HashMap<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            mqtt5 = connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel();
            token = ConnectToken.of(connect);
            if (token.isPresent() && connect.variableHeader().isWillFlag()
                    && !TopicAccess.mayPublish(token.get(), connect.payload().willTopic())) {
                refuseWill(ctx, connect.payload().willTopic());
                return;
            }
        } else if (token.isPresent() && msg instanceof MqttPublishMessage publish && publish.decoderResult().isSuccess()
                && !(isValid() && TopicAccess.mayPublish(token.get(), publish.variableHeader().topicName()))) {
            refuse(ctx, publish);
            return;
        } else if (token.isPresent() && msg instanceof MqttSubscribeMessage subscribe
                && subscribe.decoderResult().isSuccess()) {
            subscribeAllowed(ctx, subscribe);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private boolean isValid() {
        return token.get().expiresAt().isAfter(Instant.now());
    }

    private void refuseWill(ChannelHandlerContext ctx, String willTopic) {
        LOG.info("{}: {} may not publish a Will Message to {}; CONNECT refused", ctx.channel().remoteAddress(),
                token.get().subject(), willTopic);
        MqttConnectReturnCode code = mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
        ctx.writeAndFlush(MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void subscribeAllowed(ChannelHandlerContext ctx, MqttSubscribeMessage subscribe) {
        List<MqttTopicSubscription> requested = subscribe.payload().topicSubscriptions();
        boolean[] refused = new boolean[requested.size()];
        List<MqttTopicSubscription> allowed = new ArrayList<>();
        boolean valid = isValid();
        for (int i = 0; i < requested.size(); i++) {
            MqttTopicSubscription subscription = requested.get(i);
            refused[i] = !(valid && TopicAccess.maySubscribe(token.get(), subscription.topicFilter()));
            if (refused[i]) {
                LOG.info("{}: {} may not subscribe to {}{}", ctx.channel().remoteAddress(), token.get().subject(),
                        subscription.topicFilter(), valid ? "" : " (token expired)");
            } else {
                allowed.add(subscription);
            }
        }
        int packetId = subscribe.idAndPropertiesVariableHeader().messageId();
        if (allowed.size() == requested.size()) {
            ctx.fireChannelRead(subscribe);
        } else if (allowed.isEmpty()) {
            ctx.writeAndFlush(subAck(packetId, refused, List.of()));
        } else {
            refusedFilters.put(packetId, refused);
            ctx.fireChannelRead(new MqttSubscribeMessage(subscribe.fixedHeader(),
                    subscribe.idAndPropertiesVariableHeader(), new MqttSubscribePayload(allowed)));
        }
    }

    private void refuse(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        String topic = publish.variableHeader().topicName();
        int packetId = publish.variableHeader().packetId();
        MqttQoS qos = publish.fixedHeader().qosLevel();
        ReferenceCountUtil.release(publish);
        LOG.info("{}: {} may not publish to {}{}; QoS {} PUBLISH refused", ctx.channel().remoteAddress(),
                token.get().subject(), topic, isValid() ? "" : " (token expired)", qos.value());
        Packets.refusePublish(ctx, mqtt5, qos, packetId, MqttReasonCodes.PubAck.NOT_AUTHORIZED.byteValue());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttSubAckMessage suback) {
            boolean[] refused = refusedFilters.remove(suback.variableHeader().messageId());
            if (refused != null) {
                ctx.write(subAck(suback.variableHeader().messageId(), refused, suback.payload().reasonCodes()),
                        promise);
                return;
            }
        }
        ctx.write(msg, promise);
    }

    /** A SUBACK with a refusal for each refused filter and, in order, Moquette's codes for the others. */
    private MqttSubAckMessage subAck(int packetId, boolean[] refused, List<Integer> moquettesCodes) {
        int refusal = mqtt5 ? MqttReasonCodes.SubAck.NOT_AUTHORIZED.byteValue() & 0xFF : MqttQoS.FAILURE.value();
        List<Integer> codes = new ArrayList<>(refused.length);
        int next = 0;
        for (boolean isRefused : refused) {
            codes.add(isRefused ? refusal : moquettesCodes.get(next++));
        }
        return new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(codes));
    }
}
