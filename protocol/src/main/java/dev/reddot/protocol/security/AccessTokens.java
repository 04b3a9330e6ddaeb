package dev.reddot.protocol.security;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Reddot's tokens: JWTs signed with HS256 and a shared secret, claims {@code sub}, {@code exp} and {@code scope}
 * (shared/CONTRACT.md, Security), and an optional {@code nbf}. One secret signs and verifies every token of an
 * installation. Times are checked without clock skew, as the HTTP services check them (Spring Security's
 * {@code JwtTimestampValidator(Duration.ZERO)}): a token is valid from its {@code nbf} (inclusive) until its
 * {@code exp}.
 */
public final class AccessTokens {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MINIMUM_SECRET_BYTES = 32;

    private static final String SCOPE = "scope";

    private final byte[] secret;
    private final Clock clock;

    public AccessTokens(String secret) {
        this(secret, Clock.systemUTC());
    }

    public AccessTokens(String secret, Clock clock) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MINIMUM_SECRET_BYTES) {
            throw new IllegalArgumentException("The JWT secret (reddot.security.jwt-secret) must be at least "
                    + MINIMUM_SECRET_BYTES + " bytes long");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A signed token for {@code subject}, valid for {@code lifetime}. */
    public String mint(String subject, Scope scope, Duration lifetime) {
        Instant now = clock.instant();
        return sign(claims(subject, scope, now, now.plus(lifetime)).build());
    }

    /** A signed token for {@code subject}, valid from {@code notBefore} (its {@code nbf}) until {@code expiresAt}. */
    public String mint(String subject, Scope scope, Instant notBefore, Instant expiresAt) {
        return sign(claims(subject, scope, clock.instant(), expiresAt).notBeforeTime(Date.from(notBefore)).build());
    }

    private static JWTClaimsSet.Builder claims(String subject, Scope scope, Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .claim(SCOPE, scope.claim());
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token with HS256", e);
        }
        return jwt.serialize();
    }

    /** The token's claims, once its signature, algorithm, expiry and (if it has one) not-before time are checked. */
    public AccessToken verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no token");
        }
        SignedJWT jwt = parse(token);
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("token not signed with HS256");
        }
        try {
            if (!jwt.verify(new MACVerifier(secret))) {
                throw new InvalidTokenException("token signature does not match");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("token signature cannot be checked", e);
        }
        AccessToken claims = claimsOf(jwt).orElseThrow(
                () -> new InvalidTokenException("token lacks sub, exp or a scope of user, device or admin"));
        if (!claims.expiresAt().isAfter(clock.instant())) {
            throw new InvalidTokenException("token expired at " + claims.expiresAt());
        }
        Instant notBefore = notBeforeOf(jwt);
        if (notBefore != null && clock.instant().isBefore(notBefore)) {
            throw new InvalidTokenException("token not valid before " + notBefore);
        }
        return claims;
    }

    /**
     * The claims of a token another part has already verified, without checking it again: for code that sees the
     * token but not the secret, such as the broker's per-connection handlers after the authenticator accepted it.
     */
    public static Optional<AccessToken> readVerified(String token) {
        try {
            return claimsOf(parse(token));
        } catch (InvalidTokenException notAToken) {
            return Optional.empty();
        }
    }

    private static SignedJWT parse(String token) throws InvalidTokenException {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed token", e);
        }
    }

    private static Instant notBeforeOf(SignedJWT jwt) throws InvalidTokenException {
        try {
            Date notBefore = jwt.getJWTClaimsSet().getNotBeforeTime();
            return notBefore == null ? null : notBefore.toInstant();
        } catch (ParseException e) {
            throw new InvalidTokenException("token has an unreadable nbf", e);
        }
    }

    private static Optional<AccessToken> claimsOf(SignedJWT jwt) {
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            Optional<Scope> scope = Scope.ofClaim(claims.getStringClaim(SCOPE));
            if (claims.getSubject() == null || claims.getSubject().isEmpty() || expiry == null || scope.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new AccessToken(claims.getSubject(), scope.get(), expiry.toInstant()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
