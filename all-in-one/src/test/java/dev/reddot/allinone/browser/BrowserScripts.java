package dev.reddot.allinone.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.allinone.CommandLineClient;

/** mqtt-js-demo's browser scripts ({@code e2e/}, node's test runner driving Chromium through playwright-core). */
final class BrowserScripts {

    private static final Logger log = LoggerFactory.getLogger(BrowserScripts.class);
    static final Path CLIENT_MODULE = Path.of("..", "mqtt-js-demo").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

    private BrowserScripts() {
    }

    /** Skips the test where Chromium or playwright-core is missing, fails it on CI. */
    static void requireTooling() {
        CommandLineClient.requireOnPath("node");
        boolean ready = Files.isExecutable(CHROMIUM)
                && Files.isDirectory(CLIENT_MODULE.resolve("node_modules").resolve("playwright-core"));
        if (!ready && System.getenv("CI") != null) {
            throw new AssertionError("Chromium (" + CHROMIUM + ") or playwright-core is missing; .ci/run installs both");
        }
        assumeThat(ready).as("Chromium at " + CHROMIUM + " and playwright-core (npm ci in mqtt-js-demo) are needed").isTrue();
    }

    /** Runs the scripts one after another and asserts that every test in them ran and passed. */
    static void runAndPass(Path workDir, Map<String, String> environment, Duration timeout, String... scripts)
            throws Exception {
        Path report = workDir.resolve("browser-tests.txt");
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1"));
        command.addAll(List.of(scripts));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(CLIENT_MODULE.toFile())
                .redirectErrorStream(true)
                .redirectOutput(report.toFile());
        builder.environment().putAll(environment);
        Process node = builder.start();
        boolean finished = node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            node.destroyForcibly().waitFor();
        }
        String output = Files.readString(report, StandardCharsets.UTF_8);
        log.info("Browser tests {}:\n{}", List.of(scripts), output);
        assertThat(finished).as("browser tests finished within " + timeout).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("# fail 0", "# skipped 0").doesNotContain("# pass 0");
    }
}
