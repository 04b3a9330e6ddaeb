package dev.reddot.broker.retained;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.moquette.broker.Utils;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every retained PUBLISH into the {@link RetainedStore}; an empty retained payload clears the topic.
 * Moquette runs interceptors on its interceptor thread; with one such thread they see publishes in order.
 */
public final class RetainedStoreInterceptor extends AbstractInterceptHandler {

    /**
     * Moquette 0.18.3 hands interceptors no MQTT 5 properties; the original message is only in a private field.
     * Moquette 0.18.5 adds a getter for it: read that instead once Reddot can upgrade.
     */
    private static final VarHandle ORIGINAL_MESSAGE = originalMessageHandle();

    private static final Logger log = LoggerFactory.getLogger(RetainedStoreInterceptor.class);

    private final RetainedStore store;

    public RetainedStoreInterceptor(RetainedStore store) {
        this.store = store;
    }

    @Override
    public String getID() {
        return "reddot-retained-store";
    }

    @Override
    public Class<?>[] getInterceptedMessageTypes() {
        return new Class<?>[] {InterceptPublishMessage.class};
    }

    @Override
    public void onPublish(InterceptPublishMessage message) {
        try {
            if (!message.isRetainFlag()) {
                return;
            }
            if (message.getPayload().readableBytes() == 0) {
                store.clear(message.getTopicName());
            } else {
                store.retain((MqttPublishMessage) ORIGINAL_MESSAGE.get(message));
            }
        } finally {
            Utils.release(message.getPayload(), "retained store");
        }
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        log.error("A Moquette session loop failed", error);
    }

    private static VarHandle originalMessageHandle() {
        try {
            return MethodHandles.privateLookupIn(InterceptPublishMessage.class, MethodHandles.lookup())
                    .findVarHandle(InterceptPublishMessage.class, "msg", MqttPublishMessage.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This Moquette version hides the published message differently; "
                    + "see broker/README.md, 'Retained messages'", e);
        }
    }
}
