package dev.reddot.broker;

import java.nio.file.Path;
import java.util.Properties;

import io.moquette.BrokerConstants;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;

/** Translates Reddot's settings into Moquette's configuration, with every choice made explicit. */
final class MoquetteSettings {

    private MoquetteSettings() {
    }

    static IConfig of(BrokerProperties broker, Path storeDirectory) {
        Properties properties = new Properties();
        properties.setProperty(BrokerConstants.HOST_PROPERTY_NAME, broker.host());
        properties.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(broker.port()));
        properties.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, Integer.toString(broker.websocketPort()));
        properties.setProperty(BrokerConstants.WEB_SOCKET_PATH_PROPERTY_NAME, broker.websocketPath());
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
        properties.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        return new MemoryConfig(properties);
    }
}
