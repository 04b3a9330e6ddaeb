package dev.reddot.broker.pipeline;

import io.moquette.broker.subscriptions.Topic;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a retained QoS 1 PUBLISH before Moquette routes it. Moquette 0.18.3 (and its main branch) routes such a
 * message to the subscriptions it finds, answers PUBACK and only then stores the retained copy
 * ({@code PostOffice.receivedPublishQos1}); a SUBSCRIBE handled on another session loop in between got neither the
 * message nor its retained copy, but the previous one, until the topic's next PUBLISH. Stored first, a subscription
 * made in between gets the new retained copy (and may get the routed message too: a duplicate, never a loss).
 * <p>
 * Last of Reddot's handlers, so every refusal of theirs (access, quotas, budgets) has happened; what Moquette still
 * checks before it stores (a payload format indicator, a content type, a {@code $} topic) is left to Moquette, as are
 * QoS 2 (stored at PUBREL), an empty payload (which clears) and a QoS 0 message ({@link RetainedAtQos0} hands it on
 * as QoS 1 first). Drop this handler when Moquette stores the copy before it routes.
 */
final class RetainedBeforeRouting extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RetainedBeforeRouting.class);

    /** The broker's, found at CONNECT: a PUBLISH comes only after it. */
    private BrokerQuotas quotas;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (quotas == null && msg instanceof MqttConnectMessage) {
            quotas = QuotasOfConnection.of(ctx);
        } else if (quotas != null && msg instanceof MqttPublishMessage publish && storedByMoquetteAfterRouting(publish)) {
            Topic topic = new Topic(publish.variableHeader().topicName());
            if (topic.isValid()) {
                quotas.retainedAhead().ifPresent(store -> retainAhead(store, topic, publish));
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static void retainAhead(RetainedAhead store, Topic topic, MqttPublishMessage publish) {
        try {
            store.retainAhead(topic, publish);
        } catch (RuntimeException e) {
            // not marked as stored: Moquette stores it after routing, as it always did
            LOG.warn("Could not store the retained message of {} before routing it: {}", topic, e.toString());
        }
    }

    private static boolean storedByMoquetteAfterRouting(MqttPublishMessage publish) {
        MqttProperties properties = publish.variableHeader().properties();
        return publish.decoderResult().isSuccess() && publish.fixedHeader().isRetain()
                && publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE && publish.payload().isReadable()
                && !publish.variableHeader().topicName().startsWith("$")
                && properties.getProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value()) == null
                && properties.getProperty(MqttPropertyType.CONTENT_TYPE.value()) == null;
    }
}
