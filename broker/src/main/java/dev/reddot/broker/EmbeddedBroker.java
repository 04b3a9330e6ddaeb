package dev.reddot.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.reddot.broker.pipeline.AuthenticatorWithQuotas;
import dev.reddot.broker.pipeline.BrokerQuotas;
import dev.reddot.broker.pipeline.EndedSessionsSweep;
import dev.reddot.broker.pipeline.ListenerTraffic;
import dev.reddot.broker.pipeline.OriginPatterns;
import dev.reddot.protocol.security.SecurityMode;
import dev.reddot.security.SecurityProperties;
import io.moquette.broker.Server;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.interception.InterceptHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The Moquette broker, run by the Spring lifecycle: it starts before every MQTT client of the same JVM
 * and stops after them.
 */
@Component
public class EmbeddedBroker implements SmartLifecycle {

    /** Before the MQTT clients of the all-in-one, which start in later phases. */
    public static final int PHASE = Integer.MIN_VALUE + 1000;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** Moquette classes that Reddot replaces with its own (broker/README.md). */
    private static final List<String> REPLACED_MOQUETTE_CLASSES = List.of(
            "io.moquette.persistence.PropertyDataType", "io.moquette.persistence.H2QueueRepository",
            "io.moquette.broker.SessionEventLoop", "io.moquette.broker.metrics.MQTTMessageLogger");

    private final BrokerProperties properties;
    private final Path storeDirectory;
    private final IAuthenticator authenticator;
    private final IAuthorizatorPolicy authorizer;
    private final SecurityMode securityMode;
    private final OriginPatterns allowedOrigins;
    private final List<InterceptHandler> interceptors;
    private final ListenerTraffic traffic;

    /** Reddot's file, next to Moquette's store, of what clients with a persistent session left unacknowledged at a stop. */
    static final String UNACKNOWLEDGED_FILE = "unacknowledged-deliveries.bin";

    private volatile Server server;
    private volatile BrokerTotals totals;
    private volatile BrokerQuotas quotas;
    private volatile EndedSessionsSweep endedSessionsSweep;

    public EmbeddedBroker(BrokerProperties properties, DataDirectory dataDirectory, SecurityProperties security,
                          IAuthenticator authenticator, IAuthorizatorPolicy authorizer) {
        this(properties, dataDirectory, security, authenticator, authorizer, List.of());
    }

    /** With Moquette interceptors, such as the metrics' {@code BrokerTraffic}. */
    public EmbeddedBroker(BrokerProperties properties, DataDirectory dataDirectory, SecurityProperties security,
                          IAuthenticator authenticator, IAuthorizatorPolicy authorizer,
                          List<InterceptHandler> interceptors) {
        this(properties, dataDirectory, security, authenticator, authorizer, interceptors, ListenerTraffic.NONE);
    }

    /** And the metrics' meters of each listener's connections and messages sent. */
    @Autowired
    public EmbeddedBroker(BrokerProperties properties, DataDirectory dataDirectory, SecurityProperties security,
                          IAuthenticator authenticator, IAuthorizatorPolicy authorizer,
                          List<InterceptHandler> interceptors, ListenerTraffic traffic) {
        requireTokensOffLoopback(properties.host(), security.mode());
        this.interceptors = List.copyOf(interceptors);
        this.traffic = traffic;
        this.properties = properties;
        this.securityMode = security.mode();
        this.allowedOrigins = new OriginPatterns(security.allowedOrigins());
        this.storeDirectory = dataDirectory.brokerStore();
        this.authenticator = authenticator;
        this.authorizer = authorizer;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        requireReddotClassesAheadOfMoquettes();
        long started = System.nanoTime();
        Server starting = new Server();
        BrokerTotals startedTotals;
        try {
            Files.createDirectories(storeDirectory);
            // a broker's limits and allowed origins reach its connections' handlers through the authenticator
            // (pipeline/QuotasOfConnection); token mode checks no origin
            quotas = new BrokerQuotas(properties.limits(),
                    securityMode == SecurityMode.OPEN ? Optional.of(allowedOrigins) : Optional.empty(), traffic);
            int restored = quotas.restoreUnacknowledged(storeDirectory.resolve(UNACKNOWLEDGED_FILE));
            if (restored > 0) {
                log.info("{} client ids left deliveries unacknowledged at the last stop: resent when they "
                        + "reconnect", restored);
            }
            starting.startServer(MoquetteSettings.of(properties, storeDirectory, securityMode), interceptors,
                    properties.tls().enabled() ? new TlsContext(properties.tls()) : null,
                    new AuthenticatorWithQuotas(authenticator, quotas), authorizer);
            startedTotals = BrokerTotals.of(starting);
            SessionQueues.limit(starting, properties.limits().queuedMessagesPerSession());
            SubscriptionStore.track(starting, quotas.subscriptions());
            if (securityMode == SecurityMode.TOKEN) {
                quotas.retainedAhead(RetainedStore.track(starting, Optional.of(quotas.retainedTopics())));
                SessionStore.track(starting, quotas.persistentSessions());
            } else {
                // open mode has no tokens, hence no device or user whose retained topics or sessions could be capped
                quotas.retainedAhead(RetainedStore.track(starting, Optional.empty()));
                quotas.retainedTopics().load(List.of());
                quotas.persistentSessions().load(List.of());
            }
            quotas.sessionCommands(SessionCommandsOfServer.of(starting));
            endedSessionsSweep = new EndedSessionsSweep(quotas, sweepEvery(properties.limits()));
        } catch (IOException | RuntimeException e) {
            ListenerShutdown.closeListeners(starting);
            starting.stopServer();
            keepUnacknowledged();
            throw new IllegalStateException("MQTT broker could not start on " + properties.host() + ":" + properties.port()
                    + " (WebSocket " + properties.websocketPort() + "), store " + storeDirectory + ": " + e.getMessage(), e);
        }
        server = starting;
        totals = startedTotals;
        log.info("MQTT broker listening on mqtt://{}:{} and ws://{}:{}{}{} ({} mode, store {}), started in {} ms",
                properties.host(), tcpPort(), properties.host(), properties.websocketPort(), properties.websocketPath(),
                tlsListeners(), securityMode.name().toLowerCase(Locale.ROOT), storeDirectory.toAbsolutePath().normalize(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private String tlsListeners() {
        BrokerProperties.Tls tls = properties.tls();
        return tls.enabled() ? ", mqtts://" + properties.host() + ":" + tls.port() + " and wss://" + properties.host()
                + ":" + tls.websocketPort() + properties.websocketPath() : "";
    }

    /** Open mode lets anyone who reaches a port read everyone's counts: only on loopback, as Mosquitto 2 does. */
    private static void requireTokensOffLoopback(String host, SecurityMode mode) {
        if (mode != SecurityMode.OPEN) {
            return;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("reddot.broker.host " + host + " is not a known address", e);
        }
        if (!loopback) {
            throw new IllegalStateException("reddot.security.mode=open lets anyone who reaches " + host
                    + " read every user's notifications; it is only allowed on a loopback address. Set "
                    + "reddot.security.mode=token (with reddot.security.jwt-secret), or bind reddot.broker.host to "
                    + "127.0.0.1");
        }
    }

    /**
     * Reddot's replacements only take effect ahead of Moquette's jar on the classpath; behind it, Moquette's own
     * classes run silently, and for example a restart cannot read the store back. Better not to start at all.
     */
    private static void requireReddotClassesAheadOfMoquettes() {
        CodeSource reddot = EmbeddedBroker.class.getProtectionDomain().getCodeSource();
        for (String name : REPLACED_MOQUETTE_CLASSES) {
            CodeSource loaded;
            try {
                loaded = Class.forName(name, false, EmbeddedBroker.class.getClassLoader())
                        .getProtectionDomain().getCodeSource();
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Reddot's " + name + " is missing from the classpath", e);
            }
            if (reddot != null && (loaded == null || !reddot.getLocation().equals(loaded.getLocation()))) {
                throw new IllegalStateException("Moquette's own " + name + " comes before Reddot's replacement on "
                        + "the classpath (loaded from " + (loaded == null ? "?" : loaded.getLocation()) + "): list "
                        + "Reddot's broker jar ahead of Moquette's (broker/README.md)");
            }
        }
    }

    @Override
    public synchronized void stop() {
        Server running = server;
        if (running == null) {
            return;
        }
        server = null;
        totals = null;
        endedSessionsSweep.close();
        ListenerShutdown.closeListeners(running);
        running.stopServer();
        keepUnacknowledged();
        log.info("MQTT broker stopped");
    }

    /** Copies of an ended session outlive it by one session expiry at most, and by a minute at most. */
    private static Duration sweepEvery(BrokerProperties.Limits limits) {
        Duration expiry = limits.maxSessionExpiry();
        return expiry.compareTo(Duration.ofMinutes(1)) < 0 ? expiry : Duration.ofMinutes(1);
    }

    /** Client ids holding deliveries they have not acknowledged; 0 while stopped. */
    public int clientIdsWithUnacknowledgedDeliveries() {
        BrokerQuotas running = server == null ? null : quotas;
        return running == null ? 0 : running.clientIdsWithUnacknowledgedDeliveries();
    }

    /** Once no connection is left: what clients have not acknowledged is resent after the next start. */
    private void keepUnacknowledged() {
        Path file = storeDirectory.resolve(UNACKNOWLEDGED_FILE);
        try {
            quotas.keepUnacknowledged(file);
        } catch (IOException e) {
            log.warn("Unacknowledged deliveries are not kept for the next start: cannot write {} ({})",
                    file, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The port the TCP listener is bound to: the configured one, or the one the system chose for port 0. */
    public int tcpPort() {
        Server running = server;
        if (running == null) {
            throw new IllegalStateException("The MQTT broker is not running");
        }
        // Moquette records the bound port on the event loop just after start-up returns: ask it only for port 0
        return properties.port() != 0 ? properties.port() : running.getPort();
    }

    /** MQTT clients connected now; 0 while stopped. */
    public int connectedClients() {
        Server running = server;
        return running == null ? 0 : running.listConnectedClients().size();
    }

    /** Sessions the broker keeps, connected or not; 0 while stopped. */
    public int sessions() {
        BrokerTotals running = totals;
        return running == null ? 0 : running.sessions();
    }

    /** Retained messages the broker keeps; 0 while stopped. */
    public int retainedMessages() {
        BrokerTotals running = totals;
        return running == null ? 0 : running.retainedMessages();
    }

    public BrokerProperties properties() {
        return properties;
    }
}
