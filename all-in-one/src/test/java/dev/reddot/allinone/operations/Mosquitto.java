package dev.reddot.allinone.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.reddot.broker.testing.FreePorts;

/**
 * Debian's {@code mosquitto}, anonymous MQTT 5 on a free loopback port: the stand-in for a clustered broker (EMQX,
 * HiveMQ, VerneMQ) that Reddot's services are pointed at with {@code reddot.mqtt.url}.
 */
final class Mosquitto implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/sbin/mosquitto");

    private final ChildProcess process;
    private final int port;

    private Mosquitto(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static Mosquitto start(Path workDir) {
        ChildProcess.requireExecutable(EXECUTABLE, "apt-get install mosquitto");
        int port = FreePorts.next();
        try {
            Path config = Files.writeString(workDir.resolve("mosquitto.conf"), String.join("\n", List.of(
                    // as root Mosquitto would switch to user 'mosquitto'; as anyone else this line has no effect
                    "user " + System.getProperty("user.name"),
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous true",
                    "persistence false",
                    // what docs/operations.md asks of any broker a gateway's wildcard subscription uses: room for
                    // every user's retained count, not Mosquitto's default of 1,000 queued messages per client
                    "max_queued_messages 100000",
                    "log_dest stderr",
                    "log_type error",
                    "log_type warning",
                    "log_type notice")) + "\n");
            ChildProcess process = ChildProcess.start("mosquitto",
                    List.of(EXECUTABLE.toString(), "-c", config.toString()), workDir.resolve("mosquitto.log"));
            process.awaitListening(port, Duration.ofSeconds(10));
            return new Mosquitto(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
    }
}
