package dev.reddot.broker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Runs the broker alone: {@code java -jar reddot-broker.jar}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(BrokerConfiguration.class)
public class BrokerApplication {

    public static void main(String[] args) {
        SpringApplication.run(BrokerApplication.class, args);
    }
}
