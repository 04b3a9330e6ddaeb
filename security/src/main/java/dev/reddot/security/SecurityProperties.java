package dev.reddot.security;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.SecurityMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.security.*}, read alike by the broker and the HTTP services, so one pair of settings secures a whole
 * installation.
 *
 * @param mode           {@code open} (the default: no authentication, for one's own machine) or {@code token}
 * @param jwtSecret      the HS256 key tokens are signed with, at least 32 bytes; required in token mode
 * @param allowedOrigins in open mode, the pages ({@code Origin} patterns, Spring's syntax: {@code *} for any part)
 *                       that may change a count over HTTP or open the gateway's WebSocket; a request without an
 *                       {@code Origin} (curl, a back-end) always may. The default: pages served from this machine.
 */
@ConfigurationProperties("reddot.security")
public record SecurityProperties(@DefaultValue("open") SecurityMode mode, String jwtSecret,
                                 @DefaultValue({"http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"})
                                 List<String> allowedOrigins) {

    public static final List<String> LOCAL_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*",
            "http://[::1]:*");

    @ConstructorBinding
    public SecurityProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** The given mode and secret, with the default origins. */
    public SecurityProperties(SecurityMode mode, String jwtSecret) {
        this(mode, jwtSecret, LOCAL_ORIGINS);
    }

    public boolean tokenMode() {
        return mode == SecurityMode.TOKEN;
    }

    /** The tokens of this installation; fails with a message naming the setting when the secret is missing or short. */
    public AccessTokens accessTokens() {
        return new AccessTokens(requiredSecret());
    }

    /** The secret, checked at start-up: a short one would make every token fail later, with a less clear reason. */
    public String requiredSecret() {
        if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < AccessTokens.MINIMUM_SECRET_BYTES) {
            throw new IllegalStateException("reddot.security.mode=token needs reddot.security.jwt-secret "
                    + "(the HS256 key tokens are signed with, at least " + AccessTokens.MINIMUM_SECRET_BYTES + " bytes)");
        }
        return jwtSecret;
    }
}
