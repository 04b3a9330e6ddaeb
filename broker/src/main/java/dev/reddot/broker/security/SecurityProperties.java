package dev.reddot.broker.security;

import dev.reddot.protocol.security.SecurityMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code reddot.security.*}, as the broker reads it.
 *
 * @param mode       {@code open} (the default, loopback only) or {@code token}
 * @param jwtSecret  the HS256 key tokens are signed with, at least 32 bytes; required in token mode
 */
@ConfigurationProperties("reddot.security")
public record SecurityProperties(@DefaultValue("open") SecurityMode mode, String jwtSecret) {
}
