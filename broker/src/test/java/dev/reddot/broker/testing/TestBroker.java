package dev.reddot.broker.testing;

import java.nio.file.Path;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.broker.DataDirectory;
import dev.reddot.broker.EmbeddedBroker;
import dev.reddot.broker.security.OpenModeAuthenticator;
import dev.reddot.broker.security.OpenModeAuthorizer;
import dev.reddot.security.SecurityProperties;
import dev.reddot.broker.security.TokenSecurity;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.SecurityMode;

/** Reddot's real embedded broker on free loopback ports, with its store in a test's directory. */
public final class TestBroker implements AutoCloseable {

    private final BrokerProperties properties;
    private final Path dataDir;
    private final String jwtSecret;
    private EmbeddedBroker broker;

    private TestBroker(BrokerProperties properties, Path dataDir, String jwtSecret) {
        this.properties = properties;
        this.dataDir = dataDir;
        this.jwtSecret = jwtSecret;
    }

    /** In open mode: every client may do anything. */
    public static TestBroker start(Path dataDir) {
        return started(new TestBroker(plainListeners(BrokerProperties.Tls.OFF), dataDir, null));
    }

    /** In open mode, with other limits. */
    public static TestBroker start(Path dataDir, BrokerProperties.Limits limits) {
        return started(new TestBroker(plainListeners(BrokerProperties.Tls.OFF).withLimits(limits), dataDir, null));
    }

    /** In token mode, with tokens signed by {@code jwtSecret}. */
    public static TestBroker startWithTokens(Path dataDir, String jwtSecret) {
        return started(new TestBroker(plainListeners(BrokerProperties.Tls.OFF), dataDir, jwtSecret));
    }

    /** In token mode, with tokens signed by {@code jwtSecret} and other limits. */
    public static TestBroker startWithTokens(Path dataDir, String jwtSecret, BrokerProperties.Limits limits) {
        return started(new TestBroker(plainListeners(BrokerProperties.Tls.OFF).withLimits(limits), dataDir, jwtSecret));
    }

    /** In open mode, with TLS and WSS listeners too, their key and certificate from {@code keystore}. */
    public static TestBroker startWithTls(Path dataDir, Path keystore, String keystorePassword) {
        BrokerProperties.Tls tls = new BrokerProperties.Tls(keystore.toString(), keystorePassword, FreePorts.next(),
                FreePorts.next());
        return started(new TestBroker(plainListeners(tls), dataDir, null));
    }

    private static BrokerProperties plainListeners(BrokerProperties.Tls tls) {
        return new BrokerProperties("127.0.0.1", FreePorts.next(), FreePorts.next(), "/mqtt", tls);
    }

    private static TestBroker started(TestBroker broker) {
        broker.start();
        return broker;
    }

    public synchronized void start() {
        if (jwtSecret == null) {
            broker = new EmbeddedBroker(properties, new DataDirectory(dataDir),
                    new SecurityProperties(SecurityMode.OPEN, null), new OpenModeAuthenticator(),
                    new OpenModeAuthorizer());
        } else {
            TokenSecurity tokens = new TokenSecurity(new AccessTokens(jwtSecret));
            broker = new EmbeddedBroker(properties, new DataDirectory(dataDir),
                    new SecurityProperties(SecurityMode.TOKEN, jwtSecret), tokens, tokens);
        }
        broker.start();
    }

    public synchronized void stop() {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    /** MQTT 3.1.1 client ids whose unacknowledged deliveries the broker holds, to be resent when they reconnect. */
    public synchronized int clientIdsWithUnacknowledgedDeliveries() {
        return broker == null ? 0 : broker.clientIdsWithUnacknowledgedDeliveries();
    }

    /** Sessions the broker keeps, connected or not. */
    public synchronized int sessions() {
        return broker == null ? 0 : broker.sessions();
    }

    public int port() {
        return properties.port();
    }

    public int websocketPort() {
        return properties.websocketPort();
    }

    public String tcpUrl() {
        return "tcp://127.0.0.1:" + properties.port();
    }

    public String websocketUrl() {
        return "ws://127.0.0.1:" + properties.websocketPort() + properties.websocketPath();
    }

    /** {@code ssl://…} of the TLS listener (when started with TLS). */
    public String tlsUrl() {
        return "ssl://127.0.0.1:" + properties.tls().port();
    }

    /** {@code wss://…} of the secure WebSocket listener (when started with TLS). */
    public String secureWebsocketUrl() {
        return "wss://127.0.0.1:" + properties.tls().websocketPort() + properties.websocketPath();
    }

    @Override
    public void close() {
        stop();
    }
}
