package dev.reddot.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.reddot.broker.pipeline.Subscriptions;
import dev.reddot.broker.pipeline.Subscriptions.StoredSubscription;
import dev.reddot.broker.security.ClientIdNamespace;
import io.moquette.broker.ISubscriptionsRepository;
import io.moquette.broker.Server;
import io.moquette.broker.SessionRegistry;
import io.moquette.broker.subscriptions.CTrieSubscriptionDirectory;
import io.moquette.broker.subscriptions.ISubscriptionsDirectory;
import io.moquette.broker.subscriptions.ShareName;
import io.moquette.broker.subscriptions.SharedSubscription;
import io.moquette.broker.subscriptions.Subscription;
import io.moquette.broker.subscriptions.SubscriptionIdentifier;
import io.moquette.broker.subscriptions.Topic;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;

/**
 * Moquette's store of subscriptions, reporting every subscription it adds or removes, and every session whose
 * subscriptions it drops, to the broker's {@link Subscriptions} ({@code subscriptions-per-client}). Moquette creates
 * its store itself and keeps it in a private field of its subscription tree
 * ({@code CTrieSubscriptionDirectory.subscriptionsRepository}) through which every change passes; reading and replacing
 * that field is the only way in, and the start fails if a Moquette release moves it. Services' client ids are not
 * counted.
 * <p>
 * It also finishes what Moquette 0.18.3 leaves undone with the subscriptions of a session brought back from the store:
 * the session forgets them ({@code Session.subscriptions} starts empty), so when it expires or a clean start replaces
 * it Moquette removes none of them, and they went on delivering to whoever connected next with that client id. When
 * the store drops such a session, the subscriptions still counted for it are removed from Moquette's tree and store.
 * The subscriptions of sessions Moquette did not bring back at all (a clean session's at a stop, one kept in memory)
 * are removed at start-up for the same reason.
 */
final class SubscriptionStore implements ISubscriptionsRepository {

    private static final MoquetteFields FIELDS =
            new MoquetteFields("count the subscriptions of each client id (SubscriptionStore)");
    private static final String SHARED = "$share/";

    private final ISubscriptionsRepository store;
    private final ISubscriptionsDirectory tree;
    private final Subscriptions subscriptions;

    private SubscriptionStore(ISubscriptionsRepository store, ISubscriptionsDirectory tree,
                              Subscriptions subscriptions) {
        this.store = store;
        this.tree = tree;
        this.subscriptions = subscriptions;
    }

    /**
     * Puts itself in front of {@code server}'s store, removes the subscriptions of sessions Moquette did not bring back
     * and loads {@code subscriptions} with the others.
     */
    static void track(Server server, Subscriptions subscriptions) {
        Object registry = FIELDS.read(server, Server.class, "sessions");
        ISubscriptionsDirectory tree = (ISubscriptionsDirectory) FIELDS.read(registry, SessionRegistry.class,
                "subscriptionsDirectory");
        ISubscriptionsRepository store = FIELDS.replace(tree, CTrieSubscriptionDirectory.class,
                "subscriptionsRepository", ISubscriptionsRepository.class,
                original -> new SubscriptionStore(original, tree, subscriptions));
        // read after the replacement: a session that expired before is no longer in the pool (its subscriptions are
        // removed below), one that expires later is reported to this store
        Set<String> keptSessions = Set.copyOf(((Map<?, ?>) FIELDS.read(registry, SessionRegistry.class, "pool"))
                .keySet().stream().map(String::valueOf).toList());
        List<StoredSubscription> counted = new ArrayList<>();
        for (Subscription subscription : store.listAllSubscriptions()) {
            String clientId = subscription.getClientId();
            if (!keptSessions.contains(clientId)) {
                tree.removeSubscription(subscription.getTopicFilter(), clientId);
            } else if (isCounted(clientId)) {
                counted.add(new StoredSubscription(clientId, subscription.getTopicFilter().toString()));
            }
        }
        for (SharedSubscription shared : store.listAllSharedSubscription()) {
            String clientId = shared.clientId();
            if (!keptSessions.contains(clientId)) {
                tree.removeSharedSubscription(shared.getShareName(), shared.topicFilter(), clientId);
            } else if (isCounted(clientId)) {
                counted.add(new StoredSubscription(clientId, filter(shared.getShareName(), shared.topicFilter())));
            }
        }
        subscriptions.load(counted);
    }

    private static boolean isCounted(String clientId) {
        return !ClientIdNamespace.isOfService(clientId);
    }

    /** A shared subscription's filter as the client wrote it: {@code $share/{name}/{filter}}. */
    private static String filter(ShareName share, Topic topicFilter) {
        return SHARED + share.getShareName() + "/" + topicFilter;
    }

    @Override
    public Set<Subscription> listAllSubscriptions() {
        return store.listAllSubscriptions();
    }

    @Override
    public void addNewSubscription(Subscription subscription) {
        store.addNewSubscription(subscription);
        if (isCounted(subscription.getClientId())) {
            subscriptions.stored(subscription.getClientId(), subscription.getTopicFilter().toString());
        }
    }

    @Override
    public void removeSubscription(String topic, String clientID) {
        store.removeSubscription(topic, clientID);
        subscriptions.removed(clientID, topic);
    }

    /** Moquette calls this exactly when it drops a session (expired, replaced by a clean start, a clean one ended). */
    @Override
    public void removeAllSharedSubscriptions(String clientId) {
        store.removeAllSharedSubscriptions(clientId);
        for (String filter : subscriptions.sessionDropped(clientId)) {
            int endOfName = filter.startsWith(SHARED) ? filter.indexOf('/', SHARED.length()) : -1;
            if (endOfName > 0) {
                tree.removeSharedSubscription(new ShareName(filter.substring(SHARED.length(), endOfName)),
                        Topic.asTopic(filter.substring(endOfName + 1)), clientId);
            } else {
                tree.removeSubscription(Topic.asTopic(filter), clientId);
            }
        }
    }

    @Override
    public void removeSharedSubscription(String clientId, ShareName share, Topic topicFilter) {
        store.removeSharedSubscription(clientId, share, topicFilter);
        subscriptions.removed(clientId, filter(share, topicFilter));
    }

    @Override
    public void addNewSharedSubscription(String clientId, ShareName share, Topic topicFilter,
                                         MqttSubscriptionOption option) {
        store.addNewSharedSubscription(clientId, share, topicFilter, option);
        sharedStored(clientId, share, topicFilter);
    }

    @Override
    public void addNewSharedSubscription(String clientId, ShareName share, Topic topicFilter,
                                         MqttSubscriptionOption option, SubscriptionIdentifier subscriptionIdentifier) {
        store.addNewSharedSubscription(clientId, share, topicFilter, option, subscriptionIdentifier);
        sharedStored(clientId, share, topicFilter);
    }

    private void sharedStored(String clientId, ShareName share, Topic topicFilter) {
        if (isCounted(clientId)) {
            subscriptions.stored(clientId, filter(share, topicFilter));
        }
    }

    @Override
    public Collection<SharedSubscription> listAllSharedSubscription() {
        return store.listAllSharedSubscription();
    }
}
