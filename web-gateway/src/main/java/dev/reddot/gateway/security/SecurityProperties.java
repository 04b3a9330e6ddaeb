package dev.reddot.gateway.security;

import java.nio.charset.StandardCharsets;

import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.SecurityMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.security.*}, as the gateway reads it: the same settings as the broker's, so one pair of settings
 * secures a whole installation.
 *
 * @param mode      {@code open} (the default: no authentication, for one's own machine) or {@code token}
 * @param jwtSecret the HS256 key tokens are signed with, at least 32 bytes; required in token mode
 */
@ConfigurationProperties("reddot.security")
public record SecurityProperties(@DefaultValue("open") SecurityMode mode, String jwtSecret) {

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
