package dev.reddot.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;

import io.moquette.broker.ISslContextCreator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * The TLS context of the broker's TLS and WSS listeners, from {@code reddot.broker.tls.keystore}. Moquette's own
 * creator logs a keystore problem and starts without TLS; this one stops the broker from starting at all.
 */
final class TlsContext implements ISslContextCreator {

    private final BrokerProperties.Tls tls;

    TlsContext(BrokerProperties.Tls tls) {
        this.tls = tls;
    }

    @Override
    public SslContext initSSLContext() {
        char[] password = tls.keystorePassword() == null ? new char[0] : tls.keystorePassword().toCharArray();
        try {
            KeyStore keystore = KeyStore.getInstance(Path.of(tls.keystore()).toFile(), password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keystore, password);
            return SslContextBuilder.forServer(keys).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot use keystore " + tls.keystore()
                    + " (reddot.broker.tls.keystore) for MQTT over TLS: " + e.getMessage(), e);
        }
    }
}
