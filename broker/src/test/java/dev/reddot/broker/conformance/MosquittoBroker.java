package dev.reddot.broker.conformance;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.broker.testing.FreePorts;

/** Debian's {@code mosquitto}, run as a child process on free loopback ports with a generated configuration. */
final class MosquittoBroker implements BrokerUnderTest {

    static final Path DEFAULT_EXECUTABLE = Path.of("/usr/sbin/mosquitto");

    /**
     * Announced in CONNACK. Mosquitto has no limit unless given one; every production broker should have one, so the
     * maximum-packet-size checks compare two brokers that both have a limit.
     */
    static final int MAX_PACKET_SIZE = 262_144;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(MosquittoBroker.class);

    private final Path executable;
    private final Path config;
    private final int port;
    private final int websocketPort;
    private final Optional<AccessRules> accessRules;
    private final Path logFile;
    private Process process;
    /** A child process outlives the JVM: a run that ends abruptly still stops it. */
    private Thread stopOnExit;

    private MosquittoBroker(Path executable, Path config, int port, int websocketPort, Optional<AccessRules> accessRules,
                            Path logFile) {
        this.executable = executable;
        this.config = config;
        this.port = port;
        this.websocketPort = websocketPort;
        this.accessRules = accessRules;
        this.logFile = logFile;
    }

    static MosquittoBroker start(Path executable, Path workDir, Optional<AccessRules> accessRules) {
        int port = FreePorts.next();
        int websocketPort = FreePorts.next();
        try {
            Files.createDirectories(workDir);
            Path config = Files.writeString(workDir.resolve("mosquitto.conf"),
                    configuration(port, websocketPort, accessRules, workDir));
            MosquittoBroker broker = new MosquittoBroker(executable, config, port, websocketPort, accessRules,
                    workDir.resolve("mosquitto.log"));
            broker.launch();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + executable, e);
        }
    }

    private synchronized void launch() {
        try {
            process = new ProcessBuilder(executable.toString(), "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + executable, e);
        }
        Process started = process;
        stopOnExit = new Thread(started::destroyForcibly, "stop-mosquitto-" + started.pid());
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        awaitListening();
    }

    private static String configuration(int port, int websocketPort, Optional<AccessRules> accessRules, Path workDir)
            throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "per_listener_settings false",
                // started as root, Mosquitto would switch to user 'mosquitto', who cannot read the ACL in the test's
                // private directory; as anyone else this line has no effect
                "user " + System.getProperty("user.name"),
                "listener " + port + " 127.0.0.1",
                "listener " + websocketPort + " 127.0.0.1",
                "protocol websockets",
                "allow_anonymous true",
                // kept in the test's directory, written when Mosquitto stops: sessions and in-flight messages survive
                // a restart, as Reddot's do
                "persistence true",
                "persistence_location " + workDir + "/",
                // so that Mosquitto's default queue of 1,000 messages per client never decides a row
                "max_queued_messages 100000",
                "max_packet_size " + MAX_PACKET_SIZE,
                "set_tcp_nodelay true",
                // $SYS within the time of one check, so that '#' not matching $SYS is seen on a real $SYS topic
                "sys_interval 1",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information"));
        if (accessRules.isPresent()) {
            Path aclFile = Files.writeString(workDir.resolve("acl"),
                    "topic readwrite #\ntopic deny " + accessRules.get().forbiddenTopic() + "\n");
            lines.add("acl_file " + aclFile);
        }
        return String.join("\n", lines) + "\n";
    }

    private void awaitListening() {
        Process process = this.process;
        try {
            await("Mosquitto listening on 127.0.0.1:" + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .failFast("Mosquitto exited", () -> !process.isAlive())
                    .until(() -> accepts(port) && accepts(websocketPort));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            close();
            throw new IllegalStateException("Mosquitto did not start; its log:\n" + logTail(), e);
        }
        log.info("Mosquitto (pid {}) listening on {} and {}", process.pid(), tcpUrl(), websocketUrl().orElseThrow());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "Mosquitto";
    }

    @Override
    public String tcpUrl() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public Optional<String> websocketUrl() {
        return Optional.of("ws://127.0.0.1:" + websocketPort + "/mqtt");
    }

    @Override
    public Optional<AccessRules> accessRules() {
        return accessRules;
    }

    @Override
    public boolean restartable() {
        return true;
    }

    /** SIGTERM, on which Mosquitto writes its persistence file, then the same configuration again. */
    @Override
    public synchronized void restart() {
        close();
        launch();
    }

    @Override
    public synchronized void close() {
        removeShutdownHook();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Mosquitto did not stop within {}; killing it", STOP_TIMEOUT);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs anyway
            log.debug("JVM shutting down while Mosquitto {} stops", process.pid());
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }
}
