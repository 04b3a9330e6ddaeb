package dev.reddot.broker.security;

import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

import org.springframework.stereotype.Component;

/** {@code reddot.security.mode=open}: every client may read and write every topic. */
@Component
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
