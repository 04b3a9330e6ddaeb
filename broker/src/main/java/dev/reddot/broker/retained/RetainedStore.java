package dev.reddot.broker.retained;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.h2.mvstore.MVStore;

/**
 * The durable copy of every retained message: one entry per topic in an MVStore file of Reddot's own
 * ({@code retained.mv.db} beside Moquette's store). Written by {@link RetainedStoreInterceptor} in publish order.
 */
public final class RetainedStore implements AutoCloseable {

    /** Changes reach the disk within this many milliseconds; a crash loses at most this window. */
    private static final int AUTO_COMMIT_DELAY_MS = 50;

    private final MVStore store;
    private final Map<String, byte[]> byTopic;

    private RetainedStore(MVStore store) {
        this.store = store;
        this.byTopic = store.openMap("retained");
    }

    public static RetainedStore open(Path file) {
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitBufferSize(1024)
                .open();
        store.setAutoCommitDelay(AUTO_COMMIT_DELAY_MS);
        return new RetainedStore(store);
    }

    void retain(MqttPublishMessage message) {
        byTopic.put(message.variableHeader().topicName(), RetainedCodec.encode(message));
    }

    void clear(String topic) {
        byTopic.remove(topic);
    }

    public int size() {
        return byTopic.size();
    }

    /** Every stored message, as new PUBLISH messages with the retain flag set. */
    public List<MqttPublishMessage> all() {
        List<MqttPublishMessage> messages = new ArrayList<>(byTopic.size());
        byTopic.values().forEach(record -> messages.add(RetainedCodec.decode(record)));
        return messages;
    }

    @Override
    public void close() {
        store.close();
    }
}
