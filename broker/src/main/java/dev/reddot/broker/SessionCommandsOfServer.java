package dev.reddot.broker;

import io.moquette.broker.ISessionsRepository;
import io.moquette.broker.Server;
import io.moquette.broker.SessionCommandsOnLoops;
import io.moquette.broker.SessionRegistry;
import io.moquette.broker.subscriptions.ISubscriptionsDirectory;

/**
 * Reddot's commands on the sessions of a started Moquette server. Moquette keeps the parts they need (its post office,
 * which routes a command to a client id's session loop, and its session registry) in private fields of the server
 * ({@code Server.dispatcher}, {@code Server.sessions}) and of its session registry ({@code sessionsRepository},
 * {@code subscriptionsDirectory}): reading them is the only way in; the start fails if a Moquette
 * release moves them.
 */
final class SessionCommandsOfServer {

    private static final MoquetteFields FIELDS =
            new MoquetteFields("run its session commands (SessionCommandsOfServer): sessions as the client asks");

    private SessionCommandsOfServer() {
    }

    /** After Reddot's stores are in place ({@link SessionStore}): the commands store through them. */
    static SessionCommandsOnLoops of(Server server) {
        SessionRegistry sessions = (SessionRegistry) FIELDS.read(server, Server.class, "sessions");
        return new SessionCommandsOnLoops(FIELDS.read(server, Server.class, "dispatcher"), sessions,
                (ISessionsRepository) FIELDS.read(sessions, SessionRegistry.class, "sessionsRepository"),
                (ISubscriptionsDirectory) FIELDS.read(sessions, SessionRegistry.class, "subscriptionsDirectory"));
    }
}
