package dev.reddot.broker.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.reddot.broker.BrokerProperties;
import dev.reddot.broker.robustness.AttackerConnection.Received;
import dev.reddot.broker.robustness.PacketBuilder.Protocol;
import dev.reddot.broker.testing.TestBroker;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reddot's broker in token mode, and the tokens an attacker with a device of its own would have. Started by a test
 * ({@link #start}), or for each test of a class with a store of its own and the default limits (or the class's own):
 * {@code @RegisterExtension final AttackedBroker broker = AttackedBroker.forEachTest();}.
 */
final class AttackedBroker implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    static final Duration ANSWER = Duration.ofSeconds(20);

    private static final String SECRET = "limits-test-secret-of-32-bytes-or-more";

    private final AccessTokens tokens = new AccessTokens(SECRET);
    private TestBroker broker;
    /** The limits of a broker started for each test. */
    private final BrokerProperties.Limits limitsForEachTest;
    /** The store of a broker started for each test, removed after it. */
    private Path ownDataDir;

    private AttackedBroker(TestBroker broker, BrokerProperties.Limits limitsForEachTest) {
        this.broker = broker;
        this.limitsForEachTest = limitsForEachTest;
    }

    static AttackedBroker forEachTest() {
        return forEachTest(BrokerProperties.Limits.DEFAULTS);
    }

    static AttackedBroker forEachTest(BrokerProperties.Limits limits) {
        return new AttackedBroker(null, limits);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        ownDataDir = Files.createTempDirectory("reddot-attacked-broker");
        broker = TestBroker.startWithTokens(ownDataDir, SECRET, limitsForEachTest);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
        try (Stream<Path> files = Files.walk(ownDataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    static AttackedBroker start(Path dataDir) {
        return new AttackedBroker(TestBroker.startWithTokens(dataDir, SECRET), null);
    }

    static AttackedBroker start(Path dataDir, BrokerProperties.Limits limits) {
        return new AttackedBroker(TestBroker.startWithTokens(dataDir, SECRET, limits), null);
    }

    TestBroker broker() {
        return broker;
    }

    /** Stops the broker and starts it again on the same ports and store. */
    void restart() {
        broker.stop();
        broker.start();
    }

    String token(String subject, Scope scope) {
        return tokens.mint(subject, scope, Duration.ofHours(1));
    }

    /** A raw connection of device {@code device} (client id and subject alike), accepted by CONNACK 0. */
    AttackerConnection device(Protocol protocol, String device, boolean cleanStart, byte[] properties)
            throws Exception {
        AttackerConnection attacker = connecting(protocol, device, device, cleanStart, properties);
        Received connack = attacker.next(ANSWER);
        assertThat(List.of(connack.type(), connack.reasonCode())).isEqualTo(List.of(Received.CONNACK, 0));
        return attacker;
    }

    /** A raw connection that has sent the CONNECT of device {@code device} with {@code clientId}, not yet answered. */
    AttackerConnection connecting(Protocol protocol, String device, String clientId, boolean cleanStart,
                                  byte[] properties) throws Exception {
        AttackerConnection attacker = AttackerConnection.open(broker.port());
        attacker.send(PacketBuilder.connectWithPassword(protocol, clientId, cleanStart, device,
                token(device, Scope.DEVICE), properties));
        return attacker;
    }

    @Override
    public void close() {
        broker.stop();
    }
}
