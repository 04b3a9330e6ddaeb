package dev.reddot.broker.testing;

import java.nio.file.Path;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.broker.DataDirectory;
import dev.reddot.broker.EmbeddedBroker;
import dev.reddot.broker.security.OpenModeAuthenticator;
import dev.reddot.broker.security.OpenModeAuthorizer;

/** Reddot's real embedded broker on free loopback ports, with its store in a test's directory. */
public final class TestBroker implements AutoCloseable {

    private final BrokerProperties properties;
    private final Path dataDir;
    private EmbeddedBroker broker;

    private TestBroker(BrokerProperties properties, Path dataDir) {
        this.properties = properties;
        this.dataDir = dataDir;
    }

    public static TestBroker start(Path dataDir) {
        TestBroker broker = new TestBroker(
                new BrokerProperties("127.0.0.1", FreePorts.next(), FreePorts.next(), "/mqtt"), dataDir);
        broker.start();
        return broker;
    }

    public synchronized void start() {
        broker = new EmbeddedBroker(properties, new DataDirectory(dataDir),
                new OpenModeAuthenticator(), new OpenModeAuthorizer());
        broker.start();
    }

    public synchronized void stop() {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
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

    @Override
    public void close() {
        stop();
    }
}
