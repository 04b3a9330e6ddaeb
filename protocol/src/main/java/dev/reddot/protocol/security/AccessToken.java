package dev.reddot.protocol.security;

import java.time.Instant;

/**
 * What a verified token says: who ({@code sub}, a user or device id, or a service name for {@code admin}), what they
 * may do, and until when.
 */
public record AccessToken(String subject, Scope scope, Instant expiresAt) {
}
