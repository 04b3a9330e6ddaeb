package dev.reddot.broker;

import java.time.Instant;
import java.util.Collection;

import dev.reddot.broker.pipeline.RetainedTopics;
import io.moquette.broker.IRetainedRepository;
import io.moquette.broker.RetainedMessage;
import io.moquette.broker.Server;
import io.moquette.broker.subscriptions.Topic;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/**
 * Moquette's store of retained messages, reporting every topic it keeps or clears to the broker's
 * {@link RetainedTopics} ({@code retained-topics-per-device}). Moquette creates its store itself and keeps it in
 * private final fields ({@code Server.dispatcher}, {@code PostOffice.retainedRepository}), through which every change
 * passes (a PUBLISH, an expiry); reading and replacing that field is the only way in, and the start fails if a
 * Moquette release moves it. Reading the store back afterwards catches what was written before the replacement.
 */
final class RetainedStore implements IRetainedRepository {

    private static final MoquetteFields FIELDS =
            new MoquetteFields("count the devices' retained topics (RetainedStore)");

    /** Every device topic: {@code #} also matches {@code devices/x} itself, which {@link RetainedTopics} ignores. */
    private static final String DEVICE_TOPICS = "devices/+/#";

    private final IRetainedRepository store;
    private final RetainedTopics topics;

    private RetainedStore(IRetainedRepository store, RetainedTopics topics) {
        this.store = store;
        this.topics = topics;
    }

    /** Puts itself in front of {@code server}'s store and loads {@code topics} from it. */
    static void track(Server server, RetainedTopics topics) {
        Object postOffice = FIELDS.read(server, Server.class, "dispatcher");
        IRetainedRepository store = FIELDS.replace(postOffice, postOffice.getClass(), "retainedRepository",
                IRetainedRepository.class, original -> new RetainedStore(original, topics));
        topics.load(store.retainedOnTopic(DEVICE_TOPICS).stream()
                .map(message -> message.getTopic().toString()).toList());
    }

    @Override
    public void cleanRetained(Topic topic) {
        store.cleanRetained(topic);
        topics.cleared(topic.toString());
    }

    @Override
    public void retain(Topic topic, MqttPublishMessage msg) {
        store.retain(topic, msg);
        topics.stored(topic.toString());
    }

    @Override
    public void retain(Topic topic, MqttPublishMessage msg, Instant expiryTime) {
        store.retain(topic, msg, expiryTime);
        topics.stored(topic.toString());
    }

    @Override
    public boolean isEmpty() {
        return store.isEmpty();
    }

    @Override
    public Collection<RetainedMessage> retainedOnTopic(String topic) {
        return store.retainedOnTopic(topic);
    }

    @Override
    public Collection<RetainedMessage> listExpirable() {
        return store.listExpirable();
    }
}
