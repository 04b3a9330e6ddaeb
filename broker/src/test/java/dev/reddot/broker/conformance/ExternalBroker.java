package dev.reddot.broker.conformance;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A broker the suite only connects to, named on the command line:
 * {@code -Dconformance.extraBrokers=emqx=tcp://127.0.0.1:1883,hivemq=tcp://127.0.0.1:1884}; with
 * {@code -Dconformance.extraBrokers.forbiddenTopic=acl/denied} when they refuse that topic to anonymous clients.
 */
record ExternalBroker(String name, String tcpUrl, Optional<AccessRules> accessRules) implements BrokerUnderTest {

    static final String BROKERS_PROPERTY = "conformance.extraBrokers";
    static final String FORBIDDEN_TOPIC_PROPERTY = "conformance.extraBrokers.forbiddenTopic";

    ExternalBroker {
        URI url = URI.create(tcpUrl);
        if (!"tcp".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 0) {
            throw new IllegalArgumentException(BROKERS_PROPERTY + ": expected name=tcp://host:port, got " + name + "=" + tcpUrl);
        }
    }

    static List<ExternalBroker> fromSystemProperties() {
        String brokers = System.getProperty(BROKERS_PROPERTY, "").trim();
        if (brokers.isEmpty()) {
            return List.of();
        }
        Optional<AccessRules> rules = Optional.ofNullable(System.getProperty(FORBIDDEN_TOPIC_PROPERTY)).map(AccessRules::new);
        return Arrays.stream(brokers.split(","))
                .map(String::trim)
                .map(entry -> {
                    int equals = entry.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException(BROKERS_PROPERTY + ": expected name=tcp://host:port, got " + entry);
                    }
                    return new ExternalBroker(entry.substring(0, equals), entry.substring(equals + 1), rules);
                })
                .toList();
    }

    @Override
    public Optional<String> websocketUrl() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // not started by the suite: left running
    }
}
