package dev.reddot.broker;

import java.nio.file.Path;
import java.util.Properties;

import dev.reddot.broker.pipeline.BrokerLimits;
import dev.reddot.protocol.security.SecurityMode;
import io.moquette.BrokerConstants;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;

/** Translates Reddot's settings into Moquette's configuration, with every choice made explicit. */
final class MoquetteSettings {

    /**
     * Flow control without slowing down a fast device. Not the protocol's 65,535: Paho's Java client (1.2.5) reads
     * the property as a signed 16-bit number and would see -1.
     */
    static final int RECEIVE_MAXIMUM = 32_767;

    /** Commands each session loop may have waiting; an ArrayBlockingQueue of this size per core. */
    static final int SESSION_QUEUE_SIZE = 32_768;

    private MoquetteSettings() {
    }

    static IConfig of(BrokerProperties broker, Path storeDirectory, SecurityMode mode) {
        Properties properties = new Properties();
        properties.setProperty(BrokerConstants.HOST_PROPERTY_NAME, broker.host());
        properties.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(broker.port()));
        properties.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, Integer.toString(broker.websocketPort()));
        properties.setProperty(BrokerConstants.WEB_SOCKET_PATH_PROPERTY_NAME, broker.websocketPath());
        if (broker.tls().enabled()) {
            // the keystore itself reaches Moquette through Reddot's TlsContext
            properties.setProperty(BrokerConstants.SSL_PORT_PROPERTY_NAME, Integer.toString(broker.tls().port()));
            properties.setProperty(BrokerConstants.WSS_PORT_PROPERTY_NAME,
                    Integer.toString(broker.tls().websocketPort()));
        }
        // Retained messages and persistent sessions survive a restart.
        properties.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
        properties.setProperty(BrokerConstants.DATA_PATH_PROPERTY_NAME, storeDirectory.toString());
        // Queued messages go to the H2 store, whose MQTT 5 properties Reddot's PropertyDataType writes correctly;
        // the default "segmented" queue drops user properties and corrupts its records (broker/README.md).
        properties.setProperty(BrokerConstants.PERSISTENT_QUEUE_TYPE_PROPERTY_NAME, "h2");
        // A red dot must move at once: write every packet to the socket as soon as it is ready.
        properties.setProperty(BrokerConstants.BUFFER_FLUSH_MS_PROPERTY_NAME,
                Integer.toString(BrokerConstants.IMMEDIATE_BUFFER_FLUSH));
        // Moquette would otherwise report usage to its authors' server; Reddot never calls home.
        properties.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
        properties.setProperty(BrokerConstants.NETTY_NATIVE_PROPERTY_NAME, "false");
        // Announced in CONNACK (MQTT 5 clients otherwise assume 65,535 but Moquette's default, 66,560, is no limit at
        // all): how many QoS 1/2 PUBLISH a client may have unacknowledged towards the broker.
        properties.setProperty(IConfig.RECEIVE_MAXIMUM, Integer.toString(RECEIVE_MAXIMUM));
        // Moquette's default, 8,092 bytes, closes the connection of a device that sends a modest JSON document.
        // Announced in CONNACK by Reddot's ConnackProperties.
        properties.setProperty(BrokerConstants.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(BrokerLimits.MAXIMUM_PACKET_SIZE));
        // Room in each session loop's command queue (Moquette: 1,024) for the packets a publisher has already sent
        // when Reddot's PublishBackpressure pauses it at a quarter of this; Moquette drops what does not fit.
        properties.setProperty(BrokerConstants.SESSION_QUEUE_SIZE, Integer.toString(SESSION_QUEUE_SIZE));
        // Connections waiting to be accepted (Moquette: 128): a fleet reconnecting after an outage comes all at once.
        properties.setProperty(BrokerConstants.NETTY_SO_BACKLOG_PROPERTY_NAME, "1024");
        // Moquette skips the authenticator for a CONNECT without a user name when anonymous clients are allowed: in
        // token mode such a client must be refused (CONNACK 0x86, 3.1.1: 0x04), not let in without rights.
        properties.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME,
                Boolean.toString(mode == SecurityMode.OPEN));
        properties.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        // Moquette keeps an MQTT 3.1.1 persistent session (clean session 0) for this long after its connection ends
        // (never, without it) and lowers a longer MQTT 5 Session Expiry Interval to it; Reddot's SessionExpiryCap
        // lowers the latter before Moquette and announces the value in CONNACK.
        properties.setProperty(BrokerConstants.PERSISTENT_CLIENT_EXPIRATION_PROPERTY_NAME,
                broker.limits().maxSessionExpirySeconds() + "s");
        return new MemoryConfig(properties);
    }
}
