package dev.reddot.allinone.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.allinone.RunningAllInOne;

/**
 * The demo page in real Chromium against an all-in-one in token mode: {@code e2e/token.e2e.mjs} mints a token per
 * user with the server's secret, opens the page with {@code ?token=} on every transport and checks the badge moves,
 * and that another user's token gets no count; {@code e2e/token-expiry.e2e.mjs} hands the page tokens that live 3 s
 * through its {@code getToken()} and checks the badge keeps moving across expiries on every transport;
 * {@code e2e/bell-token.e2e.mjs} has {@code <reddot-bell>}'s panel list and mark read with the user's own token.
 */
class DemoPageTokenModeBrowserTest {

    private static final String SECRET = "browser-test-secret-of-at-least-32-bytes";

    @TempDir
    Path dataDir;

    @Test
    void everyTransportGetsInWithTheUsersTokenAndNoOtherUsersToken() throws Exception {
        BrowserScripts.requireTooling();
        try (RunningAllInOne reddot = new RunningAllInOne(dataDir)
                .start("--reddot.security.mode=token", "--reddot.security.jwt-secret=" + SECRET)) {
            BrowserScripts.runAndPass(dataDir, Map.of("REDDOT_URL", reddot.http(""), "REDDOT_JWT_SECRET", SECRET),
                    Duration.ofMinutes(3), "e2e/token.e2e.mjs", "e2e/token-expiry.e2e.mjs", "e2e/bell-token.e2e.mjs");
        }
    }
}
