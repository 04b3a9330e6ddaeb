package dev.reddot.broker.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code mosquitto_pub} and {@code mosquitto_sub} against a broker, bounded in time. */
final class MosquittoCli {

    /** What a command printed (stdout and stderr together) and how it exited. */
    record Run(int exitCode, String output) {
    }

    private static final Path DIRECTORY = Path.of(System.getProperty("conformance.mosquittoClients", "/usr/bin"));
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private MosquittoCli() {
    }

    static boolean installed() {
        return Files.isExecutable(DIRECTORY.resolve("mosquitto_pub")) && Files.isExecutable(DIRECTORY.resolve("mosquitto_sub"));
    }

    static Run pub(BrokerUnderTest broker, String... arguments) throws InterruptedException {
        return run("mosquitto_pub", broker, arguments);
    }

    static Run sub(BrokerUnderTest broker, String... arguments) throws InterruptedException {
        return run("mosquitto_sub", broker, arguments);
    }

    private static Run run(String command, BrokerUnderTest broker, String... arguments) throws InterruptedException {
        List<String> line = new ArrayList<>(List.of(DIRECTORY.resolve(command).toString(),
                "-h", broker.host(), "-p", Integer.toString(broker.port())));
        line.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CheckFailure(command + " did not finish within " + LIMIT.toSeconds() + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + line, e);
        }
    }
}
