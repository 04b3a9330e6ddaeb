package dev.reddot.protocol.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final AccessTokens tokens = new AccessTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void verifiesWhatItMinted() throws Exception {
        String token = tokens.mint("alice", Scope.USER, Duration.ofHours(1));

        assertThat(tokens.verify(token)).isEqualTo(new AccessToken("alice", Scope.USER, NOW.plusSeconds(3600)));
        assertThat(AccessTokens.readVerified(token)).contains(new AccessToken("alice", Scope.USER, NOW.plusSeconds(3600)));
    }

    @Test
    void refusesExpiredForgedMalformedAndIncompleteTokens() {
        String expired = new AccessTokens(SECRET, Clock.fixed(NOW.minusSeconds(7200), ZoneOffset.UTC))
                .mint("alice", Scope.USER, Duration.ofHours(1));
        String forged = new AccessTokens("another-secret-of-thirty-two-bytes-or-more")
                .mint("alice", Scope.ADMIN, Duration.ofHours(1));
        String[] parts = tokens.mint("alice", Scope.USER, Duration.ofHours(1)).split("\\.");
        String promoted = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"alice\",\"scope\":\"admin\",\"exp\":4102444800}".getBytes()) + "." + parts[2];
        String unsigned = "eyJhbGciOiJub25lIn0." + parts[1] + ".";

        assertThatThrownBy(() -> tokens.verify(expired)).hasMessageContaining("expired");
        assertThatThrownBy(() -> tokens.verify(forged)).hasMessageContaining("signature");
        assertThatThrownBy(() -> tokens.verify(promoted)).hasMessageContaining("signature");
        assertThatThrownBy(() -> tokens.verify(unsigned)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify("not-a-jwt")).hasMessageContaining("malformed");
        assertThatThrownBy(() -> tokens.verify("")).hasMessageContaining("no token");
    }

    @Test
    void refusesATokenBeforeItsNotBeforeTimeWithoutClockSkew() throws Exception {
        String fromInOneSecond = tokens.mint("alice", Scope.USER, NOW.plusSeconds(1), NOW.plusSeconds(3600));
        String fromNow = tokens.mint("alice", Scope.USER, NOW, NOW.plusSeconds(3600));
        AccessTokens oneSecondLater = new AccessTokens(SECRET, Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC));

        assertThatThrownBy(() -> tokens.verify(fromInOneSecond))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("token not valid before 2026-11-22T12:00:01Z");
        assertThat(oneSecondLater.verify(fromInOneSecond).subject()).isEqualTo("alice");
        assertThat(tokens.verify(fromNow).subject()).isEqualTo("alice");
    }

    @Test
    void refusesASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> new AccessTokens("short")).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void usersReadOnlyTheirOwnCountDevicesWriteOnlyUnderTheirOwnTopics() {
        AccessToken alice = new AccessToken("alice", Scope.USER, NOW);
        AccessToken sensor = new AccessToken("sensor-1", Scope.DEVICE, NOW);
        AccessToken admin = new AccessToken("reddot-gateway", Scope.ADMIN, NOW);

        assertThat(TopicAccess.maySubscribe(alice, "/message/alice")).isTrue();
        assertThat(TopicAccess.maySubscribe(alice, "/message/bob")).isFalse();
        assertThat(TopicAccess.maySubscribe(alice, "/message/+")).isFalse();
        assertThat(TopicAccess.maySubscribe(alice, "/message/#")).isFalse();
        assertThat(TopicAccess.maySubscribe(alice, "#")).isFalse();
        assertThat(TopicAccess.maySubscribe(alice, "$share/x//message/+")).isFalse();
        assertThat(TopicAccess.maySubscribe(alice, "$share/x//message/bob")).isFalse();
        assertThat(TopicAccess.maySubscribe(alice, "$share/x//message/alice")).isTrue();
        assertThat(TopicAccess.maySubscribe(alice, "$share//message/alice")).isFalse();
        assertThat(TopicAccess.mayPublish(alice, "/message/alice")).isFalse();

        assertThat(TopicAccess.mayPublish(sensor, "devices/sensor-1/telemetry")).isTrue();
        assertThat(TopicAccess.mayPublish(sensor, "devices/sensor-2/telemetry")).isFalse();
        assertThat(TopicAccess.mayPublish(sensor, "devices/sensor-1")).isFalse();
        assertThat(TopicAccess.mayPublish(sensor, "/message/alice")).isFalse();
        assertThat(TopicAccess.maySubscribe(sensor, "devices/sensor-1/commands")).isTrue();
        assertThat(TopicAccess.maySubscribe(sensor, "devices/+/alerts")).isFalse();

        assertThat(TopicAccess.maySubscribe(admin, "$share/reddot-publisher/devices/+/alerts")).isTrue();
        assertThat(TopicAccess.mayPublish(admin, "/message/alice")).isTrue();

        assertThat(TopicAccess.maySubscribe(new AccessToken("a/b", Scope.USER, NOW), "/message/a/b")).isFalse();
        assertThat(TopicAccess.mayPublish(new AccessToken("a+", Scope.DEVICE, NOW), "devices/a+/x")).isFalse();
    }
}
