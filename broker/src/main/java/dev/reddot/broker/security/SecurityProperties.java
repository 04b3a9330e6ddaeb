package dev.reddot.broker.security;

import java.util.List;

import dev.reddot.protocol.security.SecurityMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.security.*}, as the broker reads it.
 *
 * @param mode       {@code open} (the default, loopback only) or {@code token}
 * @param jwtSecret  the HS256 key tokens are signed with, at least 32 bytes; required in token mode
 * @param allowedOrigins in open mode, the web origins whose pages may open MQTT over WebSocket ({@code *} as the port:
 *                   any port); a handshake from any other origin gets 403, one without {@code Origin} passes
 */
@ConfigurationProperties("reddot.security")
public record SecurityProperties(@DefaultValue("open") SecurityMode mode, String jwtSecret,
                                 @DefaultValue({"http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"})
                                 List<String> allowedOrigins) {

    /** The default allowed origins: pages served from this machine. */
    public static final List<String> LOCAL_ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*");

    @ConstructorBinding
    public SecurityProperties {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** With the default allowed origins. */
    public SecurityProperties(SecurityMode mode, String jwtSecret) {
        this(mode, jwtSecret, LOCAL_ORIGINS);
    }
}
