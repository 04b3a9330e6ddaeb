package dev.reddot.broker;

import io.moquette.broker.Server;
import io.moquette.broker.SessionCommandsOnLoops;
import io.moquette.broker.SessionRegistry;

/**
 * Reddot's commands on the sessions of a started Moquette server. Moquette keeps the parts they need (its post office,
 * which routes a command to a client id's session loop, and its session registry) in private fields of the server
 * ({@code Server.dispatcher}, {@code Server.sessions}): reading them is the only way in; the start fails if a Moquette
 * release moves them.
 */
final class SessionCommandsOfServer {

    private static final MoquetteFields FIELDS =
            new MoquetteFields("run its session commands (SessionCommandsOfServer): sessions as the client asks");

    private SessionCommandsOfServer() {
    }

    static SessionCommandsOnLoops of(Server server) {
        return new SessionCommandsOnLoops(FIELDS.read(server, Server.class, "dispatcher"),
                (SessionRegistry) FIELDS.read(server, Server.class, "sessions"));
    }
}
