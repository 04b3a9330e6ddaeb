package dev.reddot.broker.robustness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;

/**
 * After the attack: new clients on every session loop, over TCP and WebSocket, still connect, subscribe and
 * receive. The probes run side by side, so a broker that no longer answers costs one timeout, not one each.
 */
final class FreshClientProbe {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);

    private FreshClientProbe() {
    }

    /** What failed, one line per probe; empty if every probe got its message. */
    static List<String> run(TestBroker broker, SessionLoops loops) throws InterruptedException {
        ExecutorService executor = Executors.newCachedThreadPool(task -> new Thread(task, "fresh-client-probe"));
        try {
            Map<String, Future<Void>> probes = new LinkedHashMap<>();
            for (int loop = 0; loop < loops.count(); loop++) {
                String tcpId = loops.clientIdOn(loop, "fresh-tcp-loop" + loop);
                String wsId = loops.clientIdOn(loop, "fresh-ws-loop" + loop);
                probes.put("TCP client " + tcpId + " (loop " + loop + ")",
                        executor.submit(() -> probe(broker, broker.tcpUrl(), tcpId)));
                probes.put("WebSocket client " + wsId + " (loop " + loop + ")",
                        executor.submit(() -> probe(broker, broker.websocketUrl(), wsId)));
            }
            List<String> failures = new ArrayList<>();
            long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
            for (Map.Entry<String, Future<Void>> probe : probes.entrySet()) {
                try {
                    probe.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    failures.add(probe.getKey() + ": " + e.getCause());
                } catch (TimeoutException e) {
                    failures.add(probe.getKey() + ": no answer within " + PROBE_TIMEOUT);
                }
            }
            return failures;
        } finally {
            executor.shutdownNow();
        }
    }

    private static Void probe(TestBroker broker, String url, String clientId) throws Exception {
        String topic = "fresh/" + clientId;
        // session expiry 0: the session ends with the connection, like a clean start, but the id is ours
        try (RecordingMqttClient subscriber = RecordingMqttClient.connectPersistent(url, clientId, 0).subscribe(topic, 1);
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tcpUrl())) {
            publisher.publish(topic, "hello " + clientId, 1, false, Map.of());
            String payload = subscriber.next(Duration.ofSeconds(5)).payload();
            if (!payload.equals("hello " + clientId)) {
                throw new AssertionError("received " + payload);
            }
            return null;
        }
    }
}
