package dev.reddot.security.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import dev.reddot.protocol.security.Scope;
import dev.reddot.security.SecurityProperties;

/**
 * Verifies Reddot's tokens over HTTP as the broker does over MQTT ({@code AccessTokens}): HS256 with the shared
 * secret, an {@code exp} in the future (no clock skew allowed, as at the broker), a {@code sub} and a {@code scope} of
 * {@code user}, {@code device} or {@code admin}. Spring Security turns the scope into the authority
 * {@code SCOPE_user}, {@code SCOPE_device} or {@code SCOPE_admin}.
 */
final class AccessTokenDecoder {

    private AccessTokenDecoder() {
    }

    static JwtDecoder of(SecurityProperties security) {
        byte[] secret = security.requiredSecret().getBytes(StandardCharsets.UTF_8);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(Duration.ZERO),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isEmpty()),
                new JwtClaimValidator<Object>("scope", scope -> scope instanceof String claim
                        && Scope.ofClaim(claim).isPresent())));
        return decoder;
    }
}
