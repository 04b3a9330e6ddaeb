package dev.reddot.simulator;

import java.util.Optional;

import dev.reddot.protocol.security.AccessToken;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.simulator.mqtt.MqttClientOptions;
import dev.reddot.simulator.mqtt.MqttConnector;
import dev.reddot.simulator.mqtt.MqttProtocol;
import dev.reddot.simulator.mqtt.MqttUrl;
import dev.reddot.simulator.mqtt.SourceAddresses;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The broker a command talks to, and how its clients log in: shared by {@code run} and the MQTT benchmarks. */
public final class MqttTargetOptions {

    @Option(names = "--url", defaultValue = "tcp://127.0.0.1:1883", paramLabel = "URL",
            description = "Broker URL, tcp://host:port (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--mqtt-version", defaultValue = "5", paramLabel = "5|3", converter = ProtocolConverter.class,
            description = "MQTT 5 or 3 (3.1.1) (default: ${DEFAULT-VALUE}).")
    MqttProtocol protocol;

    @Option(names = "--username", paramLabel = "NAME", description = "MQTT username.")
    String username;

    @Option(names = "--password", paramLabel = "SECRET", description = "MQTT password.")
    String password;

    @Option(names = "--token", paramLabel = "JWT",
            description = "A Reddot token: sent as the password, with its sub as username (what a broker in token "
                    + "mode checks) unless --username is given; the client id for a token without a sub. One token "
                    + "serves a whole fleet only with scope admin: a device token publishes for its own device only.")
    String token;

    @Option(names = "--io-threads", defaultValue = "0", paramLabel = "N",
            description = "Event loop threads shared by all connections (default: one per CPU).")
    int ioThreads;

    @Option(names = "--source-address", defaultValue = "127.0.0.1", paramLabel = "127.0.0.X",
            description = "Against a loopback broker: the first source address; further connections move on to "
                    + "127.0.0.X+1 … every --per-source-address. Give each load generator process its own range "
                    + "(default: ${DEFAULT-VALUE}).")
    String sourceAddress;

    @Option(names = "--per-source-address", defaultValue = "20000", paramLabel = "N",
            description = "Connections per source address; one has ~28,000 ephemeral ports (default: ${DEFAULT-VALUE}).")
    int perSourceAddress;

    public MqttUrl target() {
        return MqttUrl.parse(url);
    }

    public MqttProtocol protocol() {
        return protocol;
    }

    public MqttConnector connector() {
        int threads = ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        MqttUrl target = target();
        return new MqttConnector(target, SourceAddresses.forTarget(target, sourceAddress, perSourceAddress), threads);
    }

    /** Options for one client, with the credentials given on the command line. */
    public MqttClientOptions clientOptions(String clientId) {
        if (token != null && password != null) {
            throw new IllegalArgumentException("give either --token or --password, not both");
        }
        MqttClientOptions options = MqttClientOptions.of(clientId, protocol);
        if (token != null) {
            return options.credentials(username != null ? username : subjectOf(token).orElse(clientId), token);
        }
        if (username != null || password != null) {
            return options.credentials(username, password);
        }
        return options;
    }

    /** The token's sub; the broker verifies the token, the simulator only needs the user name that goes with it. */
    private static Optional<String> subjectOf(String token) {
        return AccessTokens.readVerified(token).map(AccessToken::subject);
    }

    public static final class ProtocolConverter implements ITypeConverter<MqttProtocol> {
        @Override
        public MqttProtocol convert(String value) {
            return MqttProtocol.parse(value);
        }
    }
}
