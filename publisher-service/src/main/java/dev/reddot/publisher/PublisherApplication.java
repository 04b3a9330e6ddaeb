package dev.reddot.publisher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Runs the publisher alone against {@code reddot.mqtt.url}: {@code java -jar reddot-publisher.jar}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PublisherConfiguration.class)
public class PublisherApplication {

    public static void main(String[] args) {
        SpringApplication.run(PublisherApplication.class, args);
    }
}
