package dev.reddot.cluster.artemis;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * One Artemis node: an MQTT acceptor for clients, a CORE acceptor for the other nodes, and a cluster connection
 * with static connectors to them. Messages go to another node only where a subscription wants them (ON_DEMAND).
 */
public final class ArtemisNode implements AutoCloseable {

    static final String CLUSTER_USER = "reddot-cluster";
    static final String CLUSTER_PASSWORD = "reddot-cluster-secret";

    private final int index;
    private final int mqttPort;
    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private boolean running;

    private ArtemisNode(int index, int mqttPort, Configuration configuration) {
        this.index = index;
        this.mqttPort = mqttPort;
        server.setConfiguration(configuration);
    }

    /**
     * @param index     1-based, the node's name is {@code node-{index}}
     * @param corePorts the CORE port of every node, this one's at {@code index - 1}
     */
    static ArtemisNode create(int index, int mqttPort, List<Integer> corePorts, Path dataDir) throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setName(name(index));
        // retained messages and sessions in memory: a stopped node loses them, as a crashed one would
        configuration.setPersistenceEnabled(false);
        configuration.setSecurityEnabled(false);
        configuration.setJMXManagementEnabled(false);
        configuration.setBrokerInstance(dataDir.toFile());
        configuration.setClusterUser(CLUSTER_USER);
        configuration.setClusterPassword(CLUSTER_PASSWORD);
        configuration.addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + mqttPort + "?protocols=MQTT");
        configuration.addAcceptorConfiguration("core",
                "tcp://127.0.0.1:" + corePorts.get(index - 1) + "?protocols=CORE");
        for (int node = 1; node <= corePorts.size(); node++) {
            configuration.addConnectorConfiguration(name(node), "tcp://127.0.0.1:" + corePorts.get(node - 1));
        }
        List<String> others = IntStream.rangeClosed(1, corePorts.size())
                .filter(node -> node != index).mapToObj(ArtemisNode::name).toList();
        configuration.addClusterConfiguration(new ClusterConnectionConfiguration()
                .setName("reddot")
                .setConnectorName(name(index))
                .setStaticConnectors(others)
                .setMessageLoadBalancingType(MessageLoadBalancingType.ON_DEMAND)
                .setMaxHops(1)
                // a stopped node is retried every 200 ms, so that it rejoins soon after a restart
                .setRetryInterval(200)
                .setMaxRetryInterval(200)
                .setReconnectAttempts(-1));
        return new ArtemisNode(index, mqttPort, configuration);
    }

    static String name(int index) {
        return "node-" + index;
    }

    synchronized ArtemisNode start() throws Exception {
        server.start();
        running = true;
        return this;
    }

    public int index() {
        return index;
    }

    public String mqttUrl() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /** Stops the node; its MQTT clients lose their connection, the other nodes keep retrying it. */
    public synchronized void stop() throws Exception {
        if (running) {
            running = false;
            server.stop();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    @Override
    public String toString() {
        return name(index) + " (" + mqttUrl() + ")";
    }
}
