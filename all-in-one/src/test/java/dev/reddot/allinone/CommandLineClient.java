package dev.reddot.allinone;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real command-line program (mosquitto_sub, say) whose output lines a test waits for. Where the program is
 * missing the test is skipped with the reason, except under CI, where {@code .ci/run} installs it and a missing
 * program is a failure.
 */
public final class CommandLineClient implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private CommandLineClient(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readLines, "cli-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static CommandLineClient start(List<String> command) throws IOException {
        requireOnPath(command.get(0));
        return new CommandLineClient(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    public static void requireOnPath(String program) {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
        if (!found && System.getenv("CI") != null) {
            throw new AssertionError(program + " is not installed; .ci/run must install it");
        }
        assumeThat(found).as(program + " is not installed (apt-get install mosquitto-clients)").isTrue();
    }

    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("No output within " + timeout + (process.isAlive() ? "" : "; exited " + process.exitValue()));
        }
        return line;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException processEnded) {
            // the stream closes with the process
        }
    }
}
