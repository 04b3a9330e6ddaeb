package dev.reddot.allinone.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.allinone.RunningAllInOne;

/**
 * Start-up time of the all-in-one, and the latency a user sees: REST PUT sent → SSE event received, one change at
 * a time. Not part of the test run: README, section Benchmarks.
 */
@Tag("benchmark")
class PutToSseLatencyBenchmark {

    private static final Logger log = LoggerFactory.getLogger(PutToSseLatencyBenchmark.class);
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final int WARM_UP = 200;
    private static final int CHANGES = 1_000;

    @TempDir
    Path dataDir;

    @Test
    void putToSseLatency() throws Exception {
        long startNanos = System.nanoTime();
        try (RunningAllInOne reddot = new RunningAllInOne(dataDir).start()) {
            long startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            HttpClient http = HttpClient.newHttpClient();
            Map<Long, Long> arrivals = new ConcurrentHashMap<>();
            http.sendAsync(HttpRequest.newBuilder(URI.create(reddot.http("/push/sse/bench"))).build(),
                    HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(line -> {
                        Matcher seq = SEQ.matcher(line);
                        if (line.startsWith("data: ") && seq.find()) {
                            arrivals.put(Long.parseLong(seq.group(1)), System.nanoTime());
                        }
                    }));

            long[] micros = new long[CHANGES];
            for (int i = 1; i <= WARM_UP + CHANGES; i++) {
                long sent = System.nanoTime();
                http.send(HttpRequest.newBuilder(URI.create(reddot.http("/api/users/bench/unread-count")))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"count\":" + i + "}")).build(),
                        HttpResponse.BodyHandlers.discarding());
                long seq = i;
                long deadline = sent + TimeUnit.SECONDS.toNanos(5);
                while (!arrivals.containsKey(seq)) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("Change " + seq + " never reached the SSE stream");
                    }
                    Thread.onSpinWait();
                }
                if (i > WARM_UP) {
                    micros[i - WARM_UP - 1] = TimeUnit.NANOSECONDS.toMicros(arrivals.get(seq) - sent);
                }
            }
            Arrays.sort(micros);
            log.info("""

                    all-in-one start-up: {} ms
                    REST PUT -> SSE event over {} changes (after {} warm-up): median {} ms, p99 {} ms, max {} ms""",
                    startupMillis, CHANGES, WARM_UP, millis(micros[CHANGES / 2]), millis(micros[CHANGES * 99 / 100]),
                    millis(micros[CHANGES - 1]));
        }
    }

    private static String millis(long micros) {
        return String.format("%.2f", micros / 1000.0);
    }
}
