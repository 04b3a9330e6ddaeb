package dev.reddot.allinone.operations;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens of the contract (JWT, HS256, claims {@code sub}, {@code exp}, {@code scope}) signed with the shared secret,
 * for a test that talks to a stack running in token mode. Plain JDK, so it depends on nothing the security work has
 * not settled yet.
 */
final class HmacTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private HmacTokens() {
    }

    static String sign(String secret, String subject, String scope, Duration validFor) {
        String header = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = encode("{\"sub\":\"" + subject + "\",\"scope\":\"" + scope + "\",\"exp\":"
                + Instant.now().plus(validFor).getEpochSecond() + "}");
        String signingInput = header + "." + claims;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
