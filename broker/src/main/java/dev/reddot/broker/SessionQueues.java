package dev.reddot.broker;

import dev.reddot.broker.security.ClientIdNamespace;
import io.moquette.broker.Server;
import io.moquette.broker.SessionRegistry;
import io.moquette.persistence.H2QueueRepository;

/**
 * Limits the message queues of a started broker's sessions ({@code queued-messages-per-session}). Moquette creates its
 * queue repository itself, without Reddot's settings, and keeps it in private fields ({@code Server.sessions},
 * {@code SessionRegistry.queueRepository}): reading them is the only way to it; the start fails if a Moquette release
 * moves them. Only the sessions of devices and users are limited: the services' sessions (the gateway's replay of
 * every user's retained count goes through its queue) and open mode's are not.
 */
final class SessionQueues {

    private static final MoquetteFields FIELDS = new MoquetteFields("limit the sessions' queues (SessionQueues)");

    private SessionQueues() {
    }

    static void limit(Server server, int maximum) {
        Object queues = FIELDS.read(FIELDS.read(server, Server.class, "sessions"), SessionRegistry.class,
                "queueRepository");
        if (!(queues instanceof H2QueueRepository repository)) {
            throw new IllegalStateException("Moquette does not use Reddot's H2QueueRepository (persistent_queue_type=h2)");
        }
        repository.limitQueues(maximum, ClientIdNamespace::isOfDeviceOrUser);
    }
}
