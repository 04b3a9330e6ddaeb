package dev.reddot.broker.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.TopicAccess;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what a client's token does not allow with the reason codes MQTT 5 has for it, where Moquette 0.18.3 gives
 * none: a refused SUBSCRIBE got SUBACK 0x80 Unspecified error instead of 0x87 Not authorized, and a refused QoS 1 or
 * 2 PUBLISH got no answer at all, so the client waited forever (MQTT 5 3.9.3, 3.4.2.1).
 * <p>
 * A PUBLISH the token does not allow never reaches Moquette: MQTT 5 gets PUBACK or PUBREC 0x87; MQTT 3.1.1, which has
 * no reason codes, gets a PUBACK at QoS 1 and loses the connection at QoS 2 [MQTT-3.3.5-2]; QoS 0 is dropped. A
 * SUBSCRIBE goes to Moquette, whose authorizer applies the same {@link TopicAccess} rules; this handler only turns its
 * 0x80 into 0x87 for the filters the token does not allow.
 * <p>
 * The rules need the token's claims: this handler reads them from the CONNECT's password, which the broker's
 * authenticator has verified if the connection is accepted at all. Without a token (open mode) it does nothing.
 */
final class AccessRefusals extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AccessRefusals.class);
    private static final int FAILURE = 0x80;

    private Optional<AccessToken> token = Optional.empty();
    private boolean mqtt5;
    private final Map<Integer, List<String>> pendingSubscriptions = new HashMap<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            mqtt5 = connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel();
            byte[] password = connect.payload().passwordInBytes();
            token = password == null ? Optional.empty()
                    : AccessTokens.readVerified(new String(password, StandardCharsets.UTF_8));
        } else if (token.isPresent() && msg instanceof MqttPublishMessage publish && publish.decoderResult().isSuccess()
                && !TopicAccess.mayPublish(token.get(), publish.variableHeader().topicName())) {
            refuse(ctx, publish);
            return;
        } else if (token.isPresent() && mqtt5 && msg instanceof MqttSubscribeMessage subscribe
                && subscribe.decoderResult().isSuccess()) {
            pendingSubscriptions.put(subscribe.variableHeader().messageId(), subscribe.payload().topicSubscriptions()
                    .stream().map(MqttTopicSubscription::topicFilter).toList());
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        String topic = publish.variableHeader().topicName();
        int packetId = publish.variableHeader().packetId();
        MqttQoS qos = publish.fixedHeader().qosLevel();
        ReferenceCountUtil.release(publish);
        LOG.info("{}: {} may not publish to {}; QoS {} PUBLISH refused", ctx.channel().remoteAddress(),
                token.map(AccessToken::subject).orElse("?"), topic, qos.value());
        if (qos == MqttQoS.AT_MOST_ONCE) {
            return;
        }
        if (!mqtt5 && qos == MqttQoS.EXACTLY_ONCE) {
            ctx.close();
            return;
        }
        MqttMessageType answer = qos == MqttQoS.AT_LEAST_ONCE ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        ctx.writeAndFlush(!mqtt5 ? Packets.acknowledgement(answer, packetId)
                : Packets.reply(answer, packetId, MqttReasonCodes.PubAck.NOT_AUTHORIZED.byteValue()));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttSubAckMessage suback) {
            List<String> filters = pendingSubscriptions.remove(suback.variableHeader().messageId());
            if (filters != null && token.isPresent()) {
                ctx.write(withNotAuthorized(suback, filters, token.get()), promise);
                return;
            }
        }
        ctx.write(msg, promise);
    }

    private static MqttSubAckMessage withNotAuthorized(MqttSubAckMessage suback, List<String> filters,
                                                       AccessToken token) {
        List<Integer> codes = new ArrayList<>(suback.payload().reasonCodes());
        for (int i = 0; i < codes.size() && i < filters.size(); i++) {
            if (codes.get(i) == FAILURE && !TopicAccess.maySubscribe(token, filters.get(i))) {
                codes.set(i, (int) MqttReasonCodes.SubAck.NOT_AUTHORIZED.byteValue() & 0xFF);
            }
        }
        return new MqttSubAckMessage(suback.fixedHeader(), suback.idAndPropertiesVariableHeader(),
                new MqttSubAckPayload(codes));
    }
}
