package dev.reddot.allinone.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.allinone.RunningAllInOne;

/**
 * The demo page in real Chromium against a real all-in-one: mqtt-js-demo's browser scripts ({@code e2e/}, driven by
 * playwright-core) run with {@code REDDOT_URL} pointing here, and {@code REDDOT_CONTROL_URL} lets them restart the
 * server under an open page.
 */
class DemoPageBrowserTest {

    private static final Logger log = LoggerFactory.getLogger(DemoPageBrowserTest.class);
    private static final Path CLIENT_MODULE = BrowserScripts.CLIENT_MODULE;

    @TempDir
    Path dataDir;

    @Test
    void theBadgeFollowsTheCountOnEveryTransport() throws Exception {
        BrowserScripts.requireTooling();
        // a short heartbeat: a stream an earlier script closed is noticed (and leaves /push/stats) within seconds
        try (RunningAllInOne reddot = new RunningAllInOne(dataDir).start("--reddot.gateway.heartbeat=2s")) {
            HttpServer control = restartControl(reddot);
            try {
                Path report = dataDir.resolve("browser-tests.txt");
                ProcessBuilder builder = new ProcessBuilder(command())
                        .directory(CLIENT_MODULE.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(report.toFile());
                builder.environment().put("REDDOT_URL", reddot.http(""));
                builder.environment().put("REDDOT_MQTT_URL", reddot.mqttUrl().replace("tcp://", "mqtt://"));
                builder.environment().put("REDDOT_CONTROL_URL", "http://127.0.0.1:" + control.getAddress().getPort());
                Process node = builder.start();
                boolean finished = node.waitFor(6, TimeUnit.MINUTES);
                if (!finished) {
                    node.destroyForcibly().waitFor();
                }
                String output = Files.readString(report, StandardCharsets.UTF_8);
                log.info("Browser tests:\n{}", output);
                assertThat(finished).as("browser tests finished within 6 minutes").isTrue();
                assertThat(node.exitValue()).as(output).isZero();
                assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
            } finally {
                control.stop(0);
            }
        }
    }

    private static List<String> command() throws IOException {
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1"));
        try (Stream<Path> scripts = Files.list(CLIENT_MODULE.resolve("e2e"))) {
            scripts.filter(script -> script.getFileName().toString().endsWith(".e2e.mjs"))
                    .sorted()
                    .forEach(script -> command.add("e2e/" + script.getFileName()));
        }
        return command;
    }

    /** {@code POST /restart} stops the all-in-one and starts it again on the same ports and data, then answers 204. */
    private static HttpServer restartControl(RunningAllInOne reddot) throws IOException {
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/restart", exchange -> {
            reddot.stop();
            reddot.start();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        control.start();
        return control;
    }
}
