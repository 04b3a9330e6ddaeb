package dev.reddot.simulator.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.reddot.protocol.CountEvent;

/**
 * The gateway's SSE endpoint and the publisher's count endpoint, as CONTRACT.md describes them, in one tiny JDK
 * HTTP server: enough for {@code bench sse} without starting the real services (which depend on this module's
 * downstream).
 */
final class FakeGateway implements AutoCloseable {

    private static final Pattern SSE = Pattern.compile("/push/sse/([A-Za-z0-9_.@-]{1,64})");
    private static final Pattern COUNT = Pattern.compile("/api/users/([A-Za-z0-9_.@-]{1,64})/unread-count");
    private static final Pattern COUNT_BODY = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, CountEvent> counts = new ConcurrentHashMap<>();
    private final Map<String, List<HttpExchange>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final ScheduledExecutorService flushes = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, CountEvent> unflushed = new ConcurrentHashMap<>();
    private volatile Set<String> silencedUsers = Set.of();
    private volatile Duration coalescing = Duration.ZERO;

    private FakeGateway(HttpServer server) {
        this.server = server;
        server.createContext("/push/sse/", this::stream);
        server.createContext("/api/users/", this::putCount);
        server.setExecutor(executor);
        server.start();
    }

    static FakeGateway start() throws IOException {
        return new FakeGateway(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int openStreams() {
        return openStreams.get();
    }

    /** From now on, these users' streams receive no change: their latest counts are lost. */
    void silence(String... userIds) {
        silencedUsers = Set.of(userIds);
    }

    /** From now on, a change waits this long before it is sent, and a later change of the same user replaces it. */
    void coalesce(Duration window) {
        coalescing = window;
    }

    /** Like the gateway: {@code retry}, then the current count, then one event per change; the exchange stays open. */
    private void stream(HttpExchange exchange) throws IOException {
        Matcher path = SSE.matcher(exchange.getRequestURI().getPath());
        if (!"GET".equals(exchange.getRequestMethod()) || !path.matches()) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String userId = path.group(1);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        CountEvent current = counts.computeIfAbsent(userId, CountEvent::initial);
        synchronized (exchange) {
            write(exchange, "retry: 3000\n\n" + event(current));
        }
        streams.computeIfAbsent(userId, user -> new CopyOnWriteArrayList<>()).add(exchange);
        openStreams.incrementAndGet();
    }

    private void putCount(HttpExchange exchange) throws IOException {
        Matcher path = COUNT.matcher(exchange.getRequestURI().getPath());
        Matcher body = COUNT_BODY.matcher(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"PUT".equals(exchange.getRequestMethod()) || !path.matches() || !body.find()) {
            exchange.sendResponseHeaders(400, -1);
            exchange.close();
            return;
        }
        CountEvent changed = change(path.group(1), Long.parseLong(body.group(1)));
        byte[] answer = changed.toJson().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /**
     * Takes the change and passes it on, one change at a time: two PUTs of one user on two connections must reach its
     * streams in seq order, as the broker delivers them to the real gateway (out of order, the bench sees a count
     * coalesced).
     */
    private synchronized CountEvent change(String userId, long count) {
        CountEvent changed = counts.compute(userId, (user, before) -> new CountEvent(user, count,
                before == null ? 1 : before.seq() + 1, System.currentTimeMillis()));
        if (silencedUsers.contains(userId)) {
            return changed;
        }
        if (coalescing.isZero()) {
            forward(changed);
        } else if (unflushed.put(userId, changed) == null) {
            flushes.schedule(() -> forward(unflushed.remove(userId)), coalescing.toMillis(), TimeUnit.MILLISECONDS);
        }
        return changed;
    }

    private void forward(CountEvent changed) {
        for (HttpExchange stream : streams.getOrDefault(changed.userId(), List.of())) {
            synchronized (stream) {
                write(stream, event(changed));
            }
        }
    }

    private static String event(CountEvent count) {
        return "event: count\nid: " + count.seq() + "\ndata: " + count.toJson() + "\n\n";
    }

    private static void write(HttpExchange exchange, String text) {
        try {
            exchange.getResponseBody().write(text.getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the stream closed", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        flushes.shutdownNow();
    }
}
