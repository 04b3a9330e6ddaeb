package dev.reddot.broker.security;

import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code reddot.security.mode=open}: every client may read and write every topic. */
@Component
@ConditionalOnProperty(name = "reddot.security.mode", havingValue = "open", matchIfMissing = true)
public final class OpenModeAuthorizer implements IAuthorizatorPolicy {

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        return true;
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        return true;
    }
}
