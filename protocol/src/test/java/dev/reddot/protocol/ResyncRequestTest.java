package dev.reddot.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ResyncRequestTest {

    @Test
    void aClientIdAloneAsksForEveryCount() {
        ResyncRequest request = ResyncRequest.parse("reddot-gateway-1".getBytes(StandardCharsets.UTF_8));

        assertThat(request.requester()).isEqualTo("reddot-gateway-1");
        assertThat(request.everyUser()).isTrue();
    }

    @Test
    void namesTheUsersAfterTheRequester() {
        byte[] payload = ResyncRequest.countsOf("gw", List.of("alice", "bob")).payload();

        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("gw\nalice\nbob");
        assertThat(ResyncRequest.parse(payload)).isEqualTo(ResyncRequest.countsOf("gw", List.of("alice", "bob")));
    }

    @Test
    void ignoresLinesThatAreNotUserIds() {
        ResyncRequest request = ResyncRequest.parse("gw\nalice\n'; DROP TABLE x\n\nbob".getBytes(StandardCharsets.UTF_8));

        assertThat(request.userIds()).containsExactly("alice", "bob");
    }

    @Test
    void aRequestNamingOnlyBadIdsAsksForNoOne() {
        ResyncRequest request = ResyncRequest.parse("gw\na+b".getBytes(StandardCharsets.UTF_8));

        assertThat(request.everyUser()).isFalse();
        assertThat(request.userIds()).isEmpty();
    }
}
