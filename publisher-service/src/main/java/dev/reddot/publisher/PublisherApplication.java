package dev.reddot.publisher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs the publisher alone against {@code reddot.mqtt.url}: {@code java -jar reddot-publisher.jar}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PublisherApplication {

    public static void main(String[] args) {
        SpringApplication.run(PublisherApplication.class, args);
    }
}
