package dev.reddot.broker.pipeline;

import java.util.HashMap;
import java.util.Map;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic aliases from the client (MQTT 5 3.3.2.3.4): a constrained device names a long topic once with a small number
 * and then sends only the number. Moquette 0.18.3's own alias support is left off (with it, Paho clients on shared
 * subscriptions lost their connection); this handler resolves every alias into its topic before Moquette sees the
 * PUBLISH, up to {@link BrokerLimits#TOPIC_ALIAS_MAXIMUM} aliases per connection, announced in CONNACK.
 * An alias of 0 or above the maximum ends the connection with 0x94 Topic Alias invalid, an alias never set with
 * 0x82 Protocol error.
 */
final class TopicAliases extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TopicAliases.class);

    private final Map<Integer, String> topics = new HashMap<>();
    private boolean mqtt5;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            mqtt5 = connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel();
        } else if (mqtt5 && msg instanceof MqttPublishMessage publish && publish.decoderResult().isSuccess()) {
            MqttProperties.MqttProperty<?> alias = publish.variableHeader().properties()
                    .getProperty(MqttPropertyType.TOPIC_ALIAS.value());
            if (alias != null) {
                resolve(ctx, publish, (Integer) alias.value());
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void resolve(ChannelHandlerContext ctx, MqttPublishMessage publish, int alias) {
        String topic = publish.variableHeader().topicName();
        if (alias == 0 || alias > BrokerLimits.TOPIC_ALIAS_MAXIMUM) {
            refuse(ctx, publish, "Topic Alias " + alias + " outside 1.." + BrokerLimits.TOPIC_ALIAS_MAXIMUM,
                    MqttReasonCodes.Disconnect.TOPIC_ALIAS_INVALID);
            return;
        }
        if (topic.isEmpty()) {
            topic = topics.get(alias);
            if (topic == null) {
                refuse(ctx, publish, "Topic Alias " + alias + " used before it was set",
                        MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
                return;
            }
        } else {
            topics.put(alias, topic);
        }
        MqttProperties properties = new MqttProperties();
        publish.variableHeader().properties().listAll().stream()
                .filter(property -> property.propertyId() != MqttPropertyType.TOPIC_ALIAS.value())
                .forEach(properties::add);
        ctx.fireChannelRead(new MqttPublishMessage(publish.fixedHeader(),
                new MqttPublishVariableHeader(topic, publish.variableHeader().packetId(), properties),
                publish.payload()));
    }

    private static void refuse(ChannelHandlerContext ctx, MqttPublishMessage publish, String why,
                               MqttReasonCodes.Disconnect reason) {
        ReferenceCountUtil.release(publish);
        LOG.info("{}: {}; connection closed", ctx.channel().remoteAddress(), why);
        ctx.writeAndFlush(MqttMessageBuilders.disconnect().reasonCode(reason.byteValue()).build())
                .addListener(ChannelFutureListener.CLOSE);
    }
}
