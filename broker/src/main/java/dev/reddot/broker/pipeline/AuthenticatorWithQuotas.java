package dev.reddot.broker.pipeline;

import io.moquette.broker.security.IAuthenticator;

/**
 * The broker's authenticator, carrying the broker's {@link BrokerQuotas} to its connections' handlers: Moquette
 * creates those handlers without arguments (through {@code MQTTMessageLogger}), and the one object of a broker it
 * keeps in every connection's pipeline reaches Reddot's code only through the authenticator it was given
 * ({@link QuotasOfConnection}). Authentication itself is the wrapped authenticator's; a CONNECT is only judged once
 * the limits are ready (the client ids' subscriptions, the devices' retained topics and the subjects' persistent
 * sessions read from the store), so that no connection is admitted on an empty count in the moment between Moquette
 * opening its listeners and Reddot reading its store.
 */
public final class AuthenticatorWithQuotas implements IAuthenticator {

    private final IAuthenticator authenticator;
    private final BrokerQuotas quotas;

    public AuthenticatorWithQuotas(IAuthenticator authenticator, BrokerQuotas quotas) {
        this.authenticator = authenticator;
        this.quotas = quotas;
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        return quotas.awaitLoaded() && authenticator.checkValid(clientId, username, password);
    }

    BrokerQuotas quotas() {
        return quotas;
    }
}
