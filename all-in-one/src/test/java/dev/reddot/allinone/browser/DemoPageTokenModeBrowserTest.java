package dev.reddot.allinone.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.allinone.CommandLineClient;
import dev.reddot.allinone.RunningAllInOne;

/**
 * The demo page in real Chromium against an all-in-one in token mode: {@code e2e/token.e2e.mjs} mints a token per
 * user with the server's secret, opens the page with {@code ?token=} on every transport and checks the badge moves,
 * and that another user's token gets no count; {@code e2e/token-expiry.e2e.mjs} hands the page tokens that live 3 s
 * through its {@code getToken()} and checks the badge keeps moving across expiries on every transport;
 * {@code e2e/bell-token.e2e.mjs} has {@code <reddot-bell>}'s panel list and mark read with the user's own token.
 */
class DemoPageTokenModeBrowserTest {

    private static final Logger log = LoggerFactory.getLogger(DemoPageTokenModeBrowserTest.class);
    private static final Path CLIENT_MODULE = Path.of("..", "mqtt-js-demo").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final String SECRET = "browser-test-secret-of-at-least-32-bytes";

    @TempDir
    Path dataDir;

    @Test
    void everyTransportGetsInWithTheUsersTokenAndNoOtherUsersToken() throws Exception {
        requireBrowserTooling();
        try (RunningAllInOne reddot = new RunningAllInOne(dataDir)
                .start("--reddot.security.mode=token", "--reddot.security.jwt-secret=" + SECRET)) {
            Path report = dataDir.resolve("browser-tests.txt");
            ProcessBuilder builder = new ProcessBuilder(List.of("node", "--test", "--test-concurrency=1",
                    "e2e/token.e2e.mjs", "e2e/token-expiry.e2e.mjs", "e2e/bell-token.e2e.mjs"))
                    .directory(CLIENT_MODULE.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(report.toFile());
            builder.environment().put("REDDOT_URL", reddot.http(""));
            builder.environment().put("REDDOT_JWT_SECRET", SECRET);
            Process node = builder.start();
            boolean finished = node.waitFor(3, TimeUnit.MINUTES);
            if (!finished) {
                node.destroyForcibly().waitFor();
            }
            String output = Files.readString(report, StandardCharsets.UTF_8);
            log.info("Browser tests in token mode:\n{}", output);
            assertThat(finished).as("browser tests finished within 3 minutes").isTrue();
            assertThat(node.exitValue()).as(output).isZero();
            assertThat(output).contains("# fail 0", "# skipped 0").doesNotContain("# pass 0");
        }
    }

    private static void requireBrowserTooling() {
        CommandLineClient.requireOnPath("node");
        boolean ready = Files.isExecutable(CHROMIUM)
                && Files.isDirectory(CLIENT_MODULE.resolve("node_modules").resolve("playwright-core"));
        if (!ready && System.getenv("CI") != null) {
            throw new AssertionError("Chromium (" + CHROMIUM + ") or playwright-core is missing; .ci/run installs both");
        }
        assumeThat(ready).as("Chromium at " + CHROMIUM + " and playwright-core (npm ci in mqtt-js-demo) are needed").isTrue();
    }
}
