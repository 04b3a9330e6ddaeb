package dev.reddot.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Runs the gateway alone against {@code reddot.mqtt.url}: {@code java -jar reddot-gateway.jar}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(GatewayConfiguration.class)
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
