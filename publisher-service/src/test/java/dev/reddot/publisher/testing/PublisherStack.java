package dev.reddot.publisher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;

/**
 * A real broker, a database of the chosen {@link Store} and the publisher on them, with an HTTP client for its
 * API. The publisher can be stopped and started again on the same database, and so can the broker.
 */
public final class PublisherStack implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path dataDir;
    private final TestBroker broker;
    private final Map<String, String> settings;
    private RunningPublisher publisher;

    private PublisherStack(Path dataDir, TestBroker broker, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.broker = broker;
        this.settings = settings;
    }

    /**
     * @param postgres the cluster to create a database on, for {@link Store#POSTGRESQL}
     * @param extra    further settings, e.g. a smaller fan-out batch
     */
    public static PublisherStack start(Store store, Supplier<EmbeddedPostgres> postgres, Map<String, String> extra) {
        try {
            Path dataDir = Files.createTempDirectory("reddot-publisher-test");
            TestBroker broker = TestBroker.start(dataDir.resolve("broker"));
            Map<String, String> settings = new HashMap<>(extra);
            settings.put("reddot.mqtt.url", broker.tcpUrl());
            settings.put("reddot.data-dir", dataDir.resolve("data").toString());
            if (store == Store.POSTGRESQL) {
                settings.put("spring.datasource.url", postgres.get().createDatabase());
                settings.put("spring.datasource.username", EmbeddedPostgres.USER);
                settings.put("spring.datasource.password", EmbeddedPostgres.PASSWORD);
            }
            PublisherStack stack = new PublisherStack(dataDir, broker, settings);
            stack.startPublisher();
            return stack;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void startPublisher() {
        publisher = RunningPublisher.start(settings);
    }

    public synchronized void stopPublisher() {
        publisher.close();
        publisher = null;
    }

    public TestBroker broker() {
        return broker;
    }

    public RecordingMqttClient subscriber(String filter) throws Exception {
        return RecordingMqttClient.connect(broker.tcpUrl()).subscribe(filter, 1);
    }

    public synchronized <T> T bean(Class<T> type) {
        return publisher.bean(type);
    }

    public JdbcClient database() {
        return bean(JdbcClient.class);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    public HttpResponse<String> delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    public HttpResponse<String> post(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + publisher.port() + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public synchronized void close() {
        try {
            if (publisher != null) {
                publisher.close();
            }
        } finally {
            broker.close();
            TempDirectories.delete(dataDir);
        }
    }
}
