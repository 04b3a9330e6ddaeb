package dev.reddot.cluster.artemis;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import dev.reddot.broker.testing.FreePorts;

/**
 * Three (or more) {@link ArtemisNode}s on free loopback ports, each clustered with all the others. {@link #start}
 * returns once every node routes to every other: a cluster reports its peers before its bridges carry messages,
 * so only a publish on each node that reaches a subscriber on each other node proves it.
 */
public final class ArtemisCluster implements AutoCloseable {

    private static final Duration FORMING = Duration.ofSeconds(30);
    private static final String PROBE_FILTER = "reddot-cluster-probe/+";

    private final List<ArtemisNode> nodes;

    private ArtemisCluster(List<ArtemisNode> nodes) {
        this.nodes = nodes;
    }

    public static ArtemisCluster start(int size, Path dataDir) throws Exception {
        List<Integer> corePorts = IntStream.range(0, size).mapToObj(i -> FreePorts.next()).toList();
        List<ArtemisNode> nodes = new ArrayList<>();
        ArtemisCluster cluster = new ArtemisCluster(nodes);
        try {
            for (int index = 1; index <= size; index++) {
                nodes.add(ArtemisNode.create(index, FreePorts.next(), corePorts, dataDir.resolve("node-" + index)));
            }
            for (ArtemisNode node : nodes) {
                node.start();
            }
            cluster.awaitRoutingBetweenAllNodes();
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** 1-based, as the nodes are named. */
    public ArtemisNode node(int index) {
        return nodes.get(index - 1);
    }

    /** The MQTT URLs of the nodes given, in that order: a {@code reddot.mqtt.url} list. */
    public String urls(int... indexes) {
        return String.join(",", IntStream.of(indexes).mapToObj(index -> node(index).mqttUrl()).toList());
    }

    private void awaitRoutingBetweenAllNodes() throws MqttException {
        // which publishing node each node's subscriber has heard from
        Map<Integer, Set<Integer>> heard = new ConcurrentHashMap<>();
        List<MqttAsyncClient> probes = new ArrayList<>();
        try {
            for (ArtemisNode node : nodes) {
                Set<Integer> from = ConcurrentHashMap.newKeySet();
                heard.put(node.index(), from);
                MqttAsyncClient probe = probe(node, from);
                probes.add(probe);
                probe.subscribe(PROBE_FILTER, 1).waitForCompletion(10_000);
            }
            await("every node routes to every other").atMost(FORMING).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        for (int i = 0; i < nodes.size(); i++) {
                            probes.get(i).publish("reddot-cluster-probe/" + nodes.get(i).index(),
                                    new MqttMessage(new byte[] {1}, 0, false, new MqttProperties()));
                        }
                        return heard.values().stream().allMatch(from -> from.size() == nodes.size());
                    });
        } finally {
            for (MqttAsyncClient probe : probes) {
                probe.disconnect().waitForCompletion(5_000);
                probe.close();
            }
        }
    }

    private static MqttAsyncClient probe(ArtemisNode node, Set<Integer> heardFrom) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(node.mqttUrl(), "probe-" + node.index(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                heardFrom.add(Integer.parseInt(topic.substring(topic.indexOf('/') + 1)));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
                // the probe ends with the check
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                // a failed check shows as the await's timeout
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // QoS 0 probes
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                // nothing to do
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication
            }
        });
        client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        return client;
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (ArtemisNode node : nodes) {
            try {
                node.stop();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
