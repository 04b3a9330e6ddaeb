package dev.reddot.broker;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.reddot.broker.pipeline.RetainedAhead;
import dev.reddot.broker.pipeline.RetainedTopics;
import io.moquette.broker.IRetainedRepository;
import io.moquette.broker.RetainedMessage;
import io.moquette.broker.Server;
import io.moquette.broker.subscriptions.Topic;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/**
 * Moquette's store of retained messages, in front of it: it takes the messages {@code pipeline/RetainedBeforeRouting}
 * stores ahead of Moquette's routing, and in token mode reports every topic it keeps or clears to the broker's
 * {@link RetainedTopics} ({@code retained-topics-per-device}). Moquette creates its store itself and keeps it in
 * private final fields ({@code Server.dispatcher}, {@code PostOffice.retainedRepository}), through which every change
 * passes (a PUBLISH, an expiry); reading and replacing that field is the only way in, and the start fails if a
 * Moquette release moves it. Reading the store back afterwards catches what was written before the replacement.
 */
final class RetainedStore implements IRetainedRepository, RetainedAhead {

    private static final MoquetteFields FIELDS =
            new MoquetteFields("count the devices' retained topics (RetainedStore)");

    /** Every device topic: {@code #} also matches {@code devices/x} itself, which {@link RetainedTopics} ignores. */
    private static final String DEVICE_TOPICS = "devices/+/#";

    /** Past this many, a message stored ahead is stored again by Moquette too (as before this class took them). */
    private static final int MAX_STORED_AHEAD = 10_000;

    private final IRetainedRepository store;
    private final Optional<RetainedTopics> topics;
    /**
     * Messages of {@link #retainAhead} whose store Moquette has still to ask for, after its routing; by identity
     * ({@code MqttMessage} keeps {@code Object}'s equality). One that Moquette did not route stays (until the cap).
     */
    private final Set<MqttPublishMessage> storedAhead = ConcurrentHashMap.newKeySet();

    private RetainedStore(IRetainedRepository store, Optional<RetainedTopics> topics) {
        this.store = store;
        this.topics = topics;
    }

    /**
     * Puts itself in front of {@code server}'s store and, in token mode, loads {@code topics} from it.
     *
     * @param topics the devices' retained topics to keep counted; empty in open mode, which caps none
     */
    static RetainedStore track(Server server, Optional<RetainedTopics> topics) {
        Object postOffice = FIELDS.read(server, Server.class, "dispatcher");
        RetainedStore store = new RetainedStore(
                (IRetainedRepository) FIELDS.read(postOffice, postOffice.getClass(), "retainedRepository"), topics);
        FIELDS.replace(postOffice, postOffice.getClass(), "retainedRepository", IRetainedRepository.class,
                original -> store);
        topics.ifPresent(devices -> devices.load(store.retainedOnTopic(DEVICE_TOPICS).stream()
                .map(message -> message.getTopic().toString()).toList()));
        return store;
    }

    @Override
    public void retainAhead(Topic topic, MqttPublishMessage publish) {
        MqttProperties.MqttProperty<?> expiry = publish.variableHeader().properties()
                .getProperty(MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value());
        if (expiry != null) {
            retain(topic, publish, Instant.now().plusSeconds(((Integer) expiry.value()).longValue()));
        } else {
            retain(topic, publish);
        }
        if (storedAhead.size() < MAX_STORED_AHEAD) {
            storedAhead.add(publish);
        }
    }

    @Override
    public void cleanRetained(Topic topic) {
        store.cleanRetained(topic);
        topics.ifPresent(devices -> devices.cleared(topic.toString()));
    }

    @Override
    public void retain(Topic topic, MqttPublishMessage msg) {
        if (storedAhead.remove(msg)) {
            return; // stored before Moquette routed it; a newer message of the topic may be stored since
        }
        store.retain(topic, msg);
        topics.ifPresent(devices -> devices.stored(topic.toString()));
    }

    @Override
    public void retain(Topic topic, MqttPublishMessage msg, Instant expiryTime) {
        if (storedAhead.remove(msg)) {
            return;
        }
        store.retain(topic, msg, expiryTime);
        topics.ifPresent(devices -> devices.stored(topic.toString()));
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
