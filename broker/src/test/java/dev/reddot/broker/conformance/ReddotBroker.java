package dev.reddot.broker.conformance;

import java.nio.file.Path;
import java.util.Optional;

import dev.reddot.broker.testing.TestBroker;

/** Reddot's embedded broker as the application runs it, on free loopback ports. */
final class ReddotBroker implements BrokerUnderTest {

    private final TestBroker broker;

    private ReddotBroker(TestBroker broker) {
        this.broker = broker;
    }

    static ReddotBroker start(Path dataDir) {
        return new ReddotBroker(TestBroker.start(dataDir));
    }

    @Override
    public String name() {
        return "Reddot";
    }

    @Override
    public String tcpUrl() {
        return broker.tcpUrl();
    }

    @Override
    public Optional<String> websocketUrl() {
        return Optional.of(broker.websocketUrl());
    }

    /** {@link TestBroker} runs Reddot's open mode, which refuses nothing. */
    @Override
    public Optional<AccessRules> accessRules() {
        return Optional.empty();
    }

    @Override
    public boolean restartable() {
        return true;
    }

    /** The same store ({@code reddot.data-dir}) and ports, as {@code RestartTest} and the robustness tests do. */
    @Override
    public void restart() {
        broker.stop();
        broker.start();
    }

    @Override
    public void close() {
        broker.close();
    }
}
