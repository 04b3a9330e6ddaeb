package dev.reddot.broker.pipeline;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topic filters each client id holds subscribed, what {@code subscriptions-per-client} caps: those of the sessions
 * Moquette's store brought back at start-up, plus those admitted since. The stored ones are read from the store before
 * any CONNECT is judged (the broker's {@code SubscriptionStore} reads them, and reports every subscription the store
 * adds or removes, and every session whose subscriptions it drops: an expiry, a clean start replacing a session, a
 * clean session ending), so neither a reconnect nor a restart hands a client a fresh set of places on top of what it
 * kept. A filter counts from the moment its SUBSCRIBE is admitted, and stops counting from the moment its UNSUBSCRIBE
 * is read: a client that unsubscribes and subscribes at once is judged on what it will hold. Services' client ids are
 * not counted.
 */
public final class Subscriptions {

    private final Map<String, Set<String>> byClient = new ConcurrentHashMap<>();
    private final LoadedFromStore loaded = new LoadedFromStore();
    private final int perClient;

    /** A subscription in the broker's store at start-up; a shared one's filter is {@code $share/{name}/{filter}}. */
    public record StoredSubscription(String clientId, String filter) {
    }

    Subscriptions(int perClient) {
        this.perClient = perClient;
    }

    /** The subscriptions of the sessions the store brought back; from now on CONNECTs may be judged. */
    public void load(Collection<StoredSubscription> stored) {
        stored.forEach(subscription -> stored(subscription.clientId(), subscription.filter()));
        loaded.done();
    }

    /** Waits for {@link #load}: a connection accepted before would be judged on an empty count. */
    boolean awaitLoaded() {
        return loaded.await();
    }

    /** The store now holds {@code clientId}'s subscription to {@code filter}. */
    public void stored(String clientId, String filter) {
        byClient.compute(clientId, (key, held) -> {
            Set<String> filters = held == null ? ConcurrentHashMap.newKeySet() : held;
            filters.add(filter);
            return filters;
        });
    }

    /** The store no longer holds {@code clientId}'s subscription to {@code filter}. */
    public void removed(String clientId, String filter) {
        byClient.computeIfPresent(clientId, (key, filters) -> {
            filters.remove(filter);
            return filters.isEmpty() ? null : filters;
        });
    }

    /** The store dropped the session {@code clientId} and with it every subscription: answers what was counted. */
    public Set<String> sessionDropped(String clientId) {
        Set<String> counted = byClient.remove(clientId);
        return counted == null ? Set.of() : counted;
    }

    /**
     * Whether {@code clientId} may subscribe to {@code filter}: one it holds already, or a new one while it holds fewer
     * than the cap, whose place it then takes. An invalid filter passes without a place: Moquette refuses it and never
     * stores it.
     */
    Admission admit(String clientId, String filter) {
        if (!TopicFilters.isValid(filter)) {
            return Admission.HELD;
        }
        Admission[] admission = {Admission.REFUSED};
        byClient.compute(clientId, (key, held) -> {
            Set<String> filters = held == null ? ConcurrentHashMap.newKeySet() : held;
            if (filters.contains(filter)) {
                admission[0] = Admission.HELD;
            } else if (filters.size() < perClient) {
                filters.add(filter);
                admission[0] = Admission.NEW;
            }
            return filters.isEmpty() ? null : filters;
        });
        return admission[0];
    }

    /** A SUBSCRIBE or UNSUBSCRIBE of {@code clientId} will not leave it holding {@code filter}: its place is free. */
    void release(String clientId, String filter) {
        removed(clientId, filter);
    }

    /** How many filters {@code clientId} holds subscribed, or has been allowed to. */
    int count(String clientId) {
        Set<String> filters = byClient.get(clientId);
        return filters == null ? 0 : filters.size();
    }

    int perClient() {
        return perClient;
    }

    /** What {@link #admit} decided: a filter that takes no new place, a new one in a free place, or none left. */
    enum Admission {
        HELD, NEW, REFUSED;

        boolean admitted() {
            return this != REFUSED;
        }
    }
}
