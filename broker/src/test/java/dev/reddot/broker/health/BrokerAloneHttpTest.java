package dev.reddot.broker.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.reddot.broker.BrokerApplication;
import dev.reddot.broker.testing.FreePorts;

/**
 * The broker alone ({@code reddot-broker.jar}) serves MQTT and nothing over HTTP: its health, with the listeners'
 * addresses in its details, is not served to anyone, on the server port or a management port, in token mode as in
 * open mode. (The services' actuator rules are the security module's; this broker has neither a servlet container
 * nor Spring Security.)
 */
class BrokerAloneHttpTest {

    @Test
    void inTokenModeTheBrokerAloneAnswersNoHttpAtAll(@TempDir Path dataDir) {
        int httpPort = FreePorts.next();
        int managementPort = FreePorts.next();
        try (ConfigurableApplicationContext broker = new SpringApplicationBuilder(BrokerApplication.class).run(
                "--reddot.security.mode=token", "--reddot.security.jwt-secret=broker-alone-secret-of-at-least-32-bytes",
                "--reddot.broker.port=" + FreePorts.next(), "--reddot.broker.websocket-port=" + FreePorts.next(),
                "--reddot.data-dir=" + dataDir, "--server.port=" + httpPort,
                "--management.server.port=" + managementPort)) {
            assertThat(broker.isRunning()).isTrue();
            for (int port : new int[] {httpPort, managementPort}) {
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("port " + port)
                        .isInstanceOf(ConnectException.class);
            }
        }
    }
}
