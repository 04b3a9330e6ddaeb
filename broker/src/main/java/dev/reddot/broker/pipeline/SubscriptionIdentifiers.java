package dev.reddot.broker.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * Puts the Subscription Identifier of every matching subscription on a message [MQTT-3.3.4-4]. With overlapping
 * subscriptions Moquette 0.18.3 sends one copy carrying the identifier of one of them only, so a client that routes
 * messages by identifier misses the others.
 * <p>
 * The subscriptions are those this connection made (not shared ones, and not those of an earlier connection of a
 * resumed session, which this handler never saw). A retained message sent because of a new subscription is left as
 * Moquette sends it: it answers that subscription alone.
 */
final class SubscriptionIdentifiers extends ChannelDuplexHandler {

    private boolean mqtt5;
    private final Map<String, Integer> identifiers = new HashMap<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttConnectMessage connect && connect.decoderResult().isSuccess()) {
            mqtt5 = connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel();
        } else if (mqtt5 && msg instanceof MqttSubscribeMessage subscribe && subscribe.decoderResult().isSuccess()) {
            MqttProperties.MqttProperty<?> identifier = subscribe.idAndPropertiesVariableHeader().properties()
                    .getProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value());
            for (MqttTopicSubscription subscription : subscribe.payload().topicSubscriptions()) {
                String filter = subscription.topicFilter();
                if (identifier == null || SharedSubscriptionFilter.isShared(subscription)) {
                    identifiers.remove(filter);
                } else {
                    identifiers.put(filter, (Integer) identifier.value());
                }
            }
        } else if (mqtt5 && msg instanceof MqttUnsubscribeMessage unsubscribe && unsubscribe.decoderResult().isSuccess()) {
            unsubscribe.payload().topics().forEach(identifiers::remove);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (mqtt5 && !identifiers.isEmpty() && msg instanceof MqttPublishMessage publish
                && !publish.fixedHeader().isRetain()) {
            ctx.write(withEveryMatchingIdentifier(publish), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private MqttPublishMessage withEveryMatchingIdentifier(MqttPublishMessage publish) {
        String topic = publish.variableHeader().topicName();
        Set<Integer> matching = new TreeSet<>();
        identifiers.forEach((filter, identifier) -> {
            if (TopicFilters.matches(filter, topic)) {
                matching.add(identifier);
            }
        });
        MqttProperties properties = publish.variableHeader().properties();
        for (MqttProperties.MqttProperty<?> sent : properties.getProperties(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value())) {
            matching.remove((Integer) sent.value());
        }
        if (matching.isEmpty()) {
            return publish;
        }
        MqttProperties augmented = new MqttProperties();
        properties.listAll().forEach(augmented::add);
        matching.forEach(identifier -> augmented.add(
                new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), identifier)));
        return new MqttPublishMessage(publish.fixedHeader(),
                new MqttPublishVariableHeader(topic, publish.variableHeader().packetId(), augmented), publish.payload());
    }
}
