package dev.reddot.broker;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.data-dir}: everything Reddot persists lives below it.
 *
 * @param dataDir the root directory; the broker keeps its store in {@code broker/} below it
 */
@ConfigurationProperties("reddot")
public record DataDirectory(@DefaultValue("./data") Path dataDir) {

    public Path brokerStore() {
        return dataDir.resolve("broker");
    }
}
