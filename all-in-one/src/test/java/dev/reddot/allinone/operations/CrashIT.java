package dev.reddot.allinone.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.broker.testing.FreePorts;
import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.RecordingMqttClient.Received;
import dev.reddot.broker.testing.SseStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 6's crash test: the all-in-one jar, a separate process, takes a burst of notifications for several users
 * and is killed with SIGKILL in the middle of it. Restarted on the same data dir, it must have stored every
 * notification it answered 201 for, its counter must equal the stored unread notifications, and the retained MQTT
 * count and the SSE count must equal the counter: the outbox relay publishes at start-up what the crash left pending.
 *
 * <p>The retained count is read by a fresh subscriber on the restarted broker, so it passes only if the restarted
 * process published (or its broker kept) each user's latest count; the SSE count comes from the gateway's own
 * subscription. A copy of the killed process's database says how many outbox rows the crash left pending (logged):
 * for those users nothing but the relay's start-up pass can make the retained count right. Every user's outcome is
 * gathered before judging, so a failure lists every lost 201 and every count that disagrees.
 */
class CrashIT {

    private static final Logger log = LoggerFactory.getLogger(CrashIT.class);

    private static final List<String> USERS = IntStream.rangeClosed(1, 6).mapToObj(i -> "crash-user-" + i).toList();
    private static final int SENDERS = 6;
    private static final int POSTS_PER_SENDER = 150;
    /** The kill comes once this many POSTs have been answered 201: a third of the way through the burst. */
    private static final int KILL_AFTER_ACKNOWLEDGED = 300;
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * How long the relay gets, once the restarted process is UP, to publish what the crash left in the outbox; one
     * deadline for all users, as one relay pass publishes every user's pending count.
     */
    private static final Duration RELAY_WAIT = Duration.ofSeconds(10);
    private static final int PAGE_SIZE = 100;

    private static final ObjectMapper json = JsonMapper.builder().build();

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Map<ServiceJar, Integer> mqttPorts = new ConcurrentHashMap<>();

    @Test
    void afterASigkillMidBurstEveryAcknowledgedNotificationIsStoredAndTheCounterTheRetainedCountAndSseAgree()
            throws Exception {
        Path jar = ServiceJar.builtJar("all-in-one", "reddot.jar");
        Path dataDir = workDir.resolve("data");

        Burst burst;
        ServiceJar beforeCrash = startAllInOne("reddot-before-crash", jar, dataDir);
        try {
            beforeCrash.awaitHealthy();
            burst = new Burst(beforeCrash);
            burst.fireAndKill();
        } finally {
            beforeCrash.close();
        }
        Map<String, Long> pendingAtCrash = pendingOutboxRowsPerUser(dataDir);
        log.info("SIGKILL (exit {}) after {} POSTs answered 201 ({} failed once it was dead); {} outbox rows "
                        + "pending in the killed process's database: {}", burst.exitCode, burst.acknowledged.get(),
                burst.failedAfterKill.get(), pendingAtCrash.values().stream().mapToLong(Long::longValue).sum(),
                pendingAtCrash);
        assertThat(burst.exitCode).as("exit code of a SIGKILLed JVM").isEqualTo(137);
        assertThat(burst.unexpected).as("answers other than 201, and failures before the kill").isEmpty();
        assertThat(burst.acknowledged.get()).as("POSTs answered 201 before the kill")
                .isGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);
        assertThat(burst.failedAfterKill.get())
                .as("POSTs refused because the process was dead: the kill came mid-burst")
                .isPositive();

        long restarted = System.nanoTime();
        try (ServiceJar afterCrash = startAllInOne("reddot-after-crash", jar, dataDir)) {
            afterCrash.awaitHealthy();
            log.info("Restarted on the same data dir in {} ms", (System.nanoTime() - restarted) / 1_000_000);
            List<Recovery> recoveries = new ArrayList<>();
            long relayDeadline = System.nanoTime() + RELAY_WAIT.toNanos();
            for (String user : USERS) {
                recoveries.add(recover(afterCrash, user, burst.acknowledgedIds.getOrDefault(user, Set.of()),
                        pendingAtCrash.getOrDefault(user, 0L), relayDeadline));
            }
            SoftAssertions.assertSoftly(softly -> recoveries.forEach(recovery -> {
                softly.assertThat(recovery.lost())
                        .as("%s: notifications answered 201 but not stored", recovery.user()).isEmpty();
                softly.assertThat(recovery.count())
                        .as("%s: the counter equals the stored unread notifications", recovery.user())
                        .isEqualTo(recovery.storedUnread());
                softly.assertThat(recovery.retained())
                        .as("%s: the retained MQTT count (a fresh subscriber)", recovery.user())
                        .isEqualTo(recovery.expectedRetained());
                softly.assertThat(recovery.sse())
                        .as("%s: the first SSE event", recovery.user())
                        .isEqualTo(recovery.expectedRetained());
            }));
        }
    }

    /** Everything a user's recovery is judged on, gathered before judging so that a failure shows all of it. */
    private record Recovery(String user, Set<Long> acknowledged, Set<Long> stored, long storedUnread, long count,
                            long seq, String retained, String sse) {

        Set<Long> lost() {
            Set<Long> lost = new TreeSet<>(acknowledged);
            lost.removeAll(stored);
            return lost;
        }

        String expectedRetained() {
            return "count " + count + ", seq " + seq;
        }
    }

    private Recovery recover(ServiceJar reddot, String user, Set<Long> acknowledged, long pendingAtCrash,
                             long relayDeadline) throws Exception {
        List<JsonNode> notifications = allNotifications(reddot, user);
        Set<Long> stored = new HashSet<>();
        notifications.forEach(notification -> stored.add(notification.get("id").asLong()));
        long storedUnread = notifications.stream()
                .filter(notification -> !notification.get("read").asBoolean())
                .count();

        JsonNode counter = json.readTree(get(reddot.http("/api/users/" + user + "/unread-count")));
        long count = counter.get("count").asLong();
        long seq = counter.get("seq").asLong();
        String expected = "count " + count + ", seq " + seq;

        // a fresh subscriber each time: its first message is what the broker retains for the user; the relay may
        // still be publishing what the crash left in the outbox, hence the wait
        AtomicReference<String> retained = new AtomicReference<>(retainedCount(reddot, user));
        long left = relayDeadline - System.nanoTime();
        if (!expected.equals(retained.get()) && left > 0) {
            try {
                await(user + "'s retained count").atMost(Duration.ofNanos(left)).pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            retained.set(retainedCount(reddot, user));
                            return expected.equals(retained.get());
                        });
            } catch (ConditionTimeoutException e) {
                // judged below, with everything else
            }
        }

        String sse;
        try (SseStream stream = SseStream.open(http, reddot.http("/push/sse/" + user))) {
            JsonNode first = json.readTree(stream.next(WAIT).data());
            sse = "count " + first.get("count").asLong() + ", seq " + first.get("seq").asLong();
        }
        Recovery recovery = new Recovery(user, acknowledged, stored, storedUnread, count, seq, retained.get(), sse);
        log.info("{}: {} answered 201, {} stored ({} unread, {} of the 201s missing); {} outbox rows pending at the "
                        + "crash; counter {}; retained {}; first SSE event {}", user, acknowledged.size(),
                stored.size(), storedUnread, recovery.lost().size(), pendingAtCrash, expected, recovery.retained(),
                sse);
        return recovery;
    }

    /** What a new subscriber to the user's topic receives first, as "count N, seq S". */
    private String retainedCount(ServiceJar reddot, String user) throws InterruptedException {
        try (RecordingMqttClient subscriber = RecordingMqttClient.connect(mqttUrl(reddot))
                .subscribe("/message/" + user, 1)) {
            List<Received> first = subscriber.drain(Duration.ofSeconds(2));
            if (first.isEmpty()) {
                return "no retained message";
            }
            return (first.get(0).retained() ? "" : "not retained: ") + "count " + first.get(0).payload() + ", seq "
                    + first.get(0).userProperties().get("seq");
        } catch (MqttException e) {
            return "MQTT failure: " + e;
        }
    }

    /** Every page, newest first, of the user's notifications. */
    private List<JsonNode> allNotifications(ServiceJar reddot, String user) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = json.readTree(get(reddot.http("/api/users/" + user + "/notifications?page=" + page
                    + "&size=" + PAGE_SIZE)));
            answer.get("notifications").forEach(all::add);
            if (!answer.get("hasMore").asBoolean()) {
                return all;
            }
        }
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    /** The all-in-one on fresh loopback ports (HTTP, MQTT, MQTT over WebSocket), its data below {@code dataDir}. */
    private ServiceJar startAllInOne(String name, Path jar, Path dataDir) {
        int mqttPort = FreePorts.next();
        ServiceJar reddot = ServiceJar.start(name, jar, workDir,
                "--reddot.data-dir=" + dataDir,
                "--reddot.broker.port=" + mqttPort,
                "--reddot.broker.websocket-port=" + FreePorts.next());
        mqttPorts.put(reddot, mqttPort);
        return reddot;
    }

    private String mqttUrl(ServiceJar reddot) {
        return "tcp://127.0.0.1:" + mqttPorts.get(reddot);
    }

    /**
     * The outbox rows the killed process had not published yet, per user, read from a copy of its database (the
     * copy, so that the restart recovers the very files the crash left).
     */
    private Map<String, Long> pendingOutboxRowsPerUser(Path dataDir) throws IOException, SQLException {
        Path snapshot = Files.createDirectories(workDir.resolve("snapshot"));
        Files.copy(dataDir.resolve("publisher").resolve("reddot.mv.db"), snapshot.resolve("reddot.mv.db"));
        String url = "jdbc:h2:file:" + snapshot.resolve("reddot") + ";MODE=PostgreSQL;IFEXISTS=TRUE";
        Map<String, Long> pending = new TreeMap<>();
        // Spring Boot leaves the user name empty for an H2 file database
        try (Connection db = DriverManager.getConnection(url, "", "");
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT user_id, COUNT(*) FROM count_outbox GROUP BY user_id")) {
            while (rows.next()) {
                pending.put(rows.getString(1), rows.getLong(2));
            }
        }
        return pending;
    }

    /**
     * Senders POSTing notifications round-robin over the users; once enough are acknowledged, SIGKILL, while the
     * senders keep going (their requests then fail, which is expected: only a 201 promised anything).
     */
    private final class Burst {

        private final ServiceJar reddot;
        final Map<String, Set<Long>> acknowledgedIds = new ConcurrentHashMap<>();
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger failedAfterKill = new AtomicInteger();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        private final AtomicBoolean killed = new AtomicBoolean();
        int exitCode = -1;

        Burst(ServiceJar reddot) {
            this.reddot = reddot;
        }

        void fireAndKill() throws InterruptedException {
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            try {
                for (int sender = 0; sender < SENDERS; sender++) {
                    int first = sender;
                    senders.execute(() -> send(first));
                }
                await("POSTs answered 201 before the kill").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> acknowledged.get() >= KILL_AFTER_ACKNOWLEDGED);
                killed.set(true);
                exitCode = reddot.kill();
            } finally {
                senders.shutdown();
                if (!senders.awaitTermination(30, TimeUnit.SECONDS)) {
                    senders.shutdownNow();
                    throw new AssertionError("Senders still busy 30 s after the kill");
                }
            }
        }

        private void send(int sender) {
            for (int i = 0; i < POSTS_PER_SENDER; i++) {
                String user = USERS.get((sender + i) % USERS.size());
                String body = "{\"title\":\"crash " + sender + "-" + i + "\",\"category\":\"crash-test\"}";
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(reddot.http("/api/users/" + user + "/notifications")))
                            .timeout(Duration.ofSeconds(15))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201) {
                        long id = json.readTree(response.body()).get("id").asLong();
                        acknowledgedIds.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(id);
                        acknowledged.incrementAndGet();
                    } else {
                        unexpected.add(user + ": " + response.statusCode() + " " + response.body());
                    }
                } catch (IOException e) {
                    if (!killed.get()) {
                        unexpected.add(user + ": " + e + " before the kill");
                    } else {
                        // connection refused or reset: the process is gone, the request promised nothing
                        failedAfterKill.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
