package dev.reddot.broker.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1, for servers whose port must be known before they start. They are taken below the
 * ephemeral range (32768–60999 here): a port from that range can be handed to any outgoing connection between the
 * moment it is chosen and the moment a server binds it, or binds it again after a restart (the crash test's
 * "port already in use").
 */
public final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another server holds it: try the next one
            }
        }
        throw new IllegalStateException("No free port between " + FIRST + " and " + LAST + " after 200 tries");
    }
}
