package dev.reddot.allinone.attacks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.reddot.allinone.CommandLineClient;

/**
 * {@code mosquitto_sub} or {@code mosquitto_pub} run the way an attacker types them: the arguments are the attack.
 * A subscriber runs until {@link #finish} stops it; what it printed and how it ended are the outcome.
 */
final class MosquittoCommand implements AutoCloseable {

    /** How a command ended: its exit code ({@code -1} while still running) and everything it printed. */
    record Outcome(int exitCode, String output) {
    }

    private final Process process;
    private final Path output;

    private MosquittoCommand(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static MosquittoCommand start(String program, List<String> arguments) throws IOException {
        CommandLineClient.requireOnPath(program);
        // line-buffered: the debug lines (-d) a test waits for would otherwise sit in stdio's buffer
        List<String> command = new ArrayList<>(List.of("stdbuf", "-oL", program));
        command.addAll(arguments);
        Path output = Files.createTempFile("reddot-attack-", ".out");
        output.toFile().deleteOnExit();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new MosquittoCommand(process, output);
    }

    /** Runs a command that ends by itself (a publish, a refused connection) and waits for it. */
    static Outcome run(String program, List<String> arguments) throws IOException, InterruptedException {
        try (MosquittoCommand command = start(program, arguments)) {
            if (!command.process.waitFor(15, TimeUnit.SECONDS)) {
                throw new AssertionError(program + " " + arguments + " did not end within 15 s: " + command.printed());
            }
            return new Outcome(command.process.exitValue(), command.printed());
        }
    }

    /** What it printed so far. */
    String printed() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    boolean isRunning() {
        return process.isAlive();
    }

    /** Stops a command after letting it run for {@code window}; what it printed by then. */
    Outcome finish(Duration window) throws IOException, InterruptedException {
        if (process.waitFor(window.toMillis(), TimeUnit.MILLISECONDS)) {
            return new Outcome(process.exitValue(), printed());
        }
        close();
        return new Outcome(-1, printed());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
