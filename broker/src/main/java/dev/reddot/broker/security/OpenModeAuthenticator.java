package dev.reddot.broker.security;

import io.moquette.broker.security.IAuthenticator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code reddot.security.mode=open}: every client may connect. Open mode is meant for a broker bound to
 * loopback; it is named here rather than left to Moquette's silent accept-all default.
 */
@Component
@ConditionalOnProperty(name = "reddot.security.mode", havingValue = "open", matchIfMissing = true)
public final class OpenModeAuthenticator implements IAuthenticator {

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        return true;
    }
}
