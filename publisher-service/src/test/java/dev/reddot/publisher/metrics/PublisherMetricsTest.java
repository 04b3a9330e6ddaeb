package dev.reddot.publisher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.reddot.publisher.testing.PublisherStack;
import dev.reddot.publisher.testing.SharedStacks;
import dev.reddot.publisher.testing.Store;

/** The publisher's meters move with real traffic, and Prometheus can scrape them. */
class PublisherMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final SharedStacks stacks = new SharedStacks();

    private PublisherStack reddot;
    private MeterRegistry registry;

    @BeforeEach
    void stack() {
        reddot = stacks.of(Store.H2);
        registry = reddot.bean(MeterRegistry.class);
    }

    @Test
    void aPutMovesTheCountsPublishedCounter() throws Exception {
        double before = counter("reddot.publisher.counts.published");

        HttpResponse<String> response = reddot.put("/api/users/" + newUser() + "/unread-count", "{\"count\":3}");

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(counter("reddot.publisher.counts.published")).isGreaterThanOrEqualTo(before + 1));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(registry.get("reddot.publisher.outbox.backlog").gauge().value()).isZero());
    }

    @Test
    void aNotificationMovesTheNotificationsCreatedCounter() throws Exception {
        double before = counter("reddot.publisher.notifications");

        HttpResponse<String> response = reddot.post("/api/users/" + newUser() + "/notifications", "{\"title\":\"Hi\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(counter("reddot.publisher.notifications")).isEqualTo(before + 1);
    }

    @Test
    void prometheusScrapesTheMetersWithValues() throws Exception {
        reddot.put("/api/users/" + newUser() + "/unread-count", "{\"count\":1}");

        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> scraped = reddot.get("/actuator/prometheus");
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).containsPattern("reddot_publisher_counts_published_total [1-9]")
                    .contains("reddot_publisher_outbox_backlog ", "reddot_publisher_notifications_total ");
        });
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private static String newUser() {
        return "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
