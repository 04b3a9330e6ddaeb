package dev.reddot.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.publisher.mqtt.Delivery;
import dev.reddot.publisher.testing.PublisherStack;
import dev.reddot.publisher.testing.Store;
import dev.reddot.publisher.unread.UnreadCountService;

/**
 * The embedded database file does not keep what a busy hour left behind. H2 keeps a dead chunk 45 s before it
 * reuses the space; this test shortens that to half a second so that it need not wait, which changes how soon the
 * file shrinks, not whether it does.
 */
class EmbeddedDatabaseCompactionTest {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseCompactionTest.class);

    private static final int USERS = 2_000;
    private static final int CHANGES = 12_000;

    @TempDir
    Path database;

    @Test
    void theFileShrinksBackOnceABusySpellIsOver() throws Exception {
        Path file = database.resolve("reddot.mv.db");
        String url = "jdbc:h2:file:" + database.resolve("reddot")
                + ";MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;RETENTION_TIME=500";
        try (PublisherStack reddot = PublisherStack.start(Store.H2, () -> null,
                Map.of(EmbeddedDatabaseLocation.URL_PROPERTY, url))) {
            UnreadCountService counts = reddot.bean(UnreadCountService.class);
            ExecutorService backends = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> changes = new ArrayList<>();
                for (int i = 0; i < CHANGES; i++) {
                    int change = i;
                    changes.add(backends.submit(() -> counts.set("u" + change % USERS, change, new Delivery(0, true))));
                }
                for (Future<?> change : changes) {
                    change.get(60, TimeUnit.SECONDS);
                }
            } finally {
                backends.shutdownNow();
            }
            long busy = Files.size(file);
            log.info("{} changes to {} users: the file is {} KiB", CHANGES, USERS, busy / 1024);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(Files.size(file)).as("file size, %d KiB at the end of the changes", busy / 1024)
                            .isLessThan(busy / 2));
            log.info("and {} KiB once compacted", Files.size(file) / 1024);
        }
    }
}
