package dev.reddot.allinone.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.allinone.RunningAllInOne;
import dev.reddot.broker.testing.FreePorts;

/**
 * {@code <reddot-bell>} on a page of another origin in real Chromium ({@code e2e/embed.e2e.mjs}): the all-in-one
 * allows its own pages and the one port the script serves its page from, so that a page from any other port of
 * 127.0.0.1 is foreign. In open mode and in token mode, where the page holds the user's token and every call of the
 * element is preflighted.
 */
class EmbeddedBellBrowserTest {

    private static final String SECRET = "browser-test-secret-of-at-least-32-bytes";

    @TempDir
    Path dataDir;

    @Test
    void anAllowedPageShowsAndMarksReadAndAForeignOneReadsNothingInOpenMode() throws Exception {
        embed();
    }

    @Test
    void anAllowedPageShowsAndMarksReadAndAForeignOneReadsNothingInTokenMode() throws Exception {
        embed("--reddot.security.mode=token", "--reddot.security.jwt-secret=" + SECRET);
    }

    private void embed(String... mode) throws Exception {
        BrowserScripts.requireTooling();
        String page = "http://127.0.0.1:" + FreePorts.next();
        RunningAllInOne reddot = new RunningAllInOne(dataDir);
        String own = reddot.http("").replaceAll("/$", "");
        String[] args = new String[mode.length + 1];
        System.arraycopy(mode, 0, args, 0, mode.length);
        args[mode.length] = "--reddot.security.allowed-origins=" + own + "," + page;
        try (RunningAllInOne running = reddot.start(args)) {
            Map<String, String> environment = mode.length == 0
                    ? Map.of("REDDOT_URL", own, "REDDOT_EMBED_ORIGIN", page)
                    : Map.of("REDDOT_URL", own, "REDDOT_EMBED_ORIGIN", page, "REDDOT_JWT_SECRET", SECRET);
            BrowserScripts.runAndPass(dataDir, environment, Duration.ofMinutes(2), "e2e/embed.e2e.mjs");
        }
    }
}
