package dev.reddot.security.http;

import java.net.InetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open mode has no authentication: fine on loopback, a leak anywhere else. The broker refuses to start that way;
 * HTTP only warns, since a reverse proxy on the same host may be the one that checks.
 */
final class OpenModeWarning {

    private static final Logger log = LoggerFactory.getLogger(OpenModeWarning.class);

    private OpenModeWarning() {
    }

    /** @param address {@code server.address}; {@code null} means every interface */
    static void warnIfReachable(InetAddress address, String what) {
        if (address == null || !address.isLoopbackAddress()) {
            log.warn("reddot.security.mode=open and server.address={}: {} answer anyone who can reach this address, "
                    + "without a token. Set reddot.security.mode=token (and reddot.security.jwt-secret), or "
                    + "server.address=127.0.0.1", address == null ? "(every interface)" : address.getHostAddress(), what);
        }
    }
}
