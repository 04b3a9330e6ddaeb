package dev.reddot.simulator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.reddot.simulator.mqtt.AsyncMqttClient;
import dev.reddot.simulator.mqtt.MqttClientOptions;
import dev.reddot.simulator.mqtt.MqttConnector;
import dev.reddot.simulator.mqtt.ReceivedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The clients one benchmark role opened (publishers, subscribers, idle connections), and how that went. */
record ClientGroup(String role, List<AsyncMqttClient> clients, int failed, Duration connectTime) {

    private static final Logger log = LoggerFactory.getLogger(ClientGroup.class);

    /** Connects them all and waits for every CONNACK (or failure). */
    static ClientGroup connect(String role, MqttConnector connector, List<MqttClientOptions> options,
                               Function<MqttClientOptions, Consumer<ReceivedMessage>> handlers)
            throws InterruptedException {
        long start = System.nanoTime();
        List<CompletableFuture<AsyncMqttClient>> pending = connector.connectAll(options, handlers);
        List<AsyncMqttClient> clients = new ArrayList<>(pending.size());
        int failed = 0;
        for (CompletableFuture<AsyncMqttClient> client : pending) {
            try {
                clients.add(client.get());
            } catch (ExecutionException e) {
                if (failed++ == 0) {
                    log.warn("{}: a connection failed: {}", role, e.getCause().getMessage());
                }
            }
        }
        return new ClientGroup(role, List.copyOf(clients), failed, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Fails the benchmark when some clients could not connect: its figures would mean something else. */
    ClientGroup requireAll() {
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + (failed + clients.size()) + " " + role
                    + " could not connect");
        }
        return this;
    }

    /** Subscribes every client to the filter its index gives, and waits for all SUBACKs. */
    void subscribe(Function<Integer, String> filterOfClient, int qos, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<CompletableFuture<Integer>> granted = new ArrayList<>(clients.size());
        for (int i = 0; i < clients.size(); i++) {
            granted.add(clients.get(i).subscribe(filterOfClient.apply(i), qos));
        }
        CompletableFuture.allOf(granted.toArray(CompletableFuture[]::new))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long stillConnected() {
        return clients.stream().filter(AsyncMqttClient::isConnected).count();
    }

    void disconnect(Duration timeout) throws InterruptedException {
        CompletableFuture<?>[] closing = clients.stream().map(AsyncMqttClient::disconnect)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("{}: not every client disconnected within {}: {}", role, timeout, e.toString());
        }
    }
}
