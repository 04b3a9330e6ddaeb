package dev.reddot.gateway.transport.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.reddot.gateway.transport.GatewayOnBroker;

/**
 * Short polling: the current count with its seq as ETag, 304 for the seq the client has, and counts retained before
 * the gateway started.
 */
class PollTransportTest extends GatewayOnBroker {

    @Test
    void learnsRetainedCountsWhenItSubscribes() throws Exception {
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(get("/push/poll/" + EARLY_USER).body())
                        .isEqualTo("{\"userId\":\"early-bird\",\"count\":4,\"seq\":11,\"ts\":1011}"));
    }

    @Test
    void pollAnswersTheCurrentCountWithItsSeqAsETag() throws Exception {
        String user = newUser();
        HttpResponse<String> unknown = get("/push/poll/" + user);
        assertThat(unknown.body()).isEqualTo("{\"userId\":\"" + user + "\",\"count\":0,\"seq\":0,\"ts\":0}");

        publishCount(user, 2, 5);

        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> current = get("/push/poll/" + user);
            assertThat(current.body()).contains("\"count\":2", "\"seq\":5");
            assertThat(current.headers().firstValue("ETag")).hasValue("\"5\"");
        });
        assertThat(get("/push/poll/" + user, "If-None-Match", "\"5\"").statusCode()).isEqualTo(304);
    }
}
