package dev.reddot.gateway.transport.iframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import dev.reddot.gateway.transport.GatewayOnBroker;
import dev.reddot.gateway.transport.SseStream;

/**
 * Legacy iframe streaming: a padded preamble, then one script tag per change.
 */
class IframeTransportTest extends GatewayOnBroker {

    @Test
    void iframeStreamsScriptTagsAfterAPaddedPreamble() throws Exception {
        String user = newUser();
        publishCount(user, 5, 1);
        awaitCount(user, 1);

        try (SseStream stream = SseStream.open(port, "/push/iframe/" + user)) {
            assertThat(stream.head(WAIT)).contains("Content-Type: text/html;charset=UTF-8");
            assertThat(stream.nextLine(WAIT)).isEqualTo("<!DOCTYPE html>");
            assertThat(stream.nextLine(WAIT)).contains("<body>");
            assertThat(stream.nextLine(WAIT)).startsWith("<!--").hasSizeGreaterThan(2048);
            assertThat(stream.nextLine(WAIT)).isEqualTo(
                    "<script>parent.reddotCount({\"userId\":\"" + user + "\",\"count\":5,\"seq\":1,\"ts\":1001});</script>");
            assertThat(open()).containsEntry("iframe", 1);

            publishCount(user, 6, 2);

            String next = stream.nextLine(WAIT);
            while (next.startsWith("<!-- keep-alive")) {
                next = stream.nextLine(WAIT);
            }
            assertThat(next).contains("parent.reddotCount(", "\"count\":6", "\"seq\":2");
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(open()).containsEntry("iframe", 0));
    }
}
