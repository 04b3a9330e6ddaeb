package dev.reddot.broker.pipeline;

import java.util.List;
import java.util.Locale;

/**
 * The web origins allowed to open a WebSocket, as {@code reddot.security.allowed-origins} lists them: each an exact
 * origin such as {@code https://app.example.com}, or one whose port is {@code *} ({@code http://localhost:*}), which
 * matches that scheme and host on any port, the default one included. Scheme and host compare without case.
 */
public record OriginPatterns(List<String> patterns) {

    private static final String ANY_PORT = ":*";

    public OriginPatterns {
        patterns = patterns.stream().map(pattern -> pattern.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** @param origin an {@code Origin} header's value ({@code null} for a page that sent none is not a match) */
    public boolean allows(String origin) {
        if (origin == null) {
            return false;
        }
        String candidate = origin.trim().toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(pattern -> matches(pattern, candidate));
    }

    private static boolean matches(String pattern, String origin) {
        if (!pattern.endsWith(ANY_PORT)) {
            return pattern.equals(origin);
        }
        String schemeAndHost = pattern.substring(0, pattern.length() - ANY_PORT.length());
        if (origin.equals(schemeAndHost)) {
            return true;
        }
        if (!origin.startsWith(schemeAndHost + ":")) {
            return false;
        }
        String port = origin.substring(schemeAndHost.length() + 1);
        return !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit);
    }
}
