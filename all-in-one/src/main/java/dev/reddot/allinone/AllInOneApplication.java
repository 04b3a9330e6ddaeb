package dev.reddot.allinone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import dev.reddot.broker.BrokerConfiguration;
import dev.reddot.gateway.GatewayConfiguration;
import dev.reddot.publisher.PublisherConfiguration;

/**
 * Broker, publisher and gateway in one JVM on one HTTP port: {@code java -jar reddot.jar}. It only wires the
 * modules together, each through the configuration its own application imports (the security module comes with
 * each of them, once).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({BrokerConfiguration.class, PublisherConfiguration.class, GatewayConfiguration.class})
public class AllInOneApplication {

    public static void main(String[] args) {
        SpringApplication.run(AllInOneApplication.class, args);
    }
}
