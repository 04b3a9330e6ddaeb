package dev.reddot.allinone.operations;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A program the test starts (Mosquitto, nginx, a service jar), its output in a log file. A child process outlives
 * the JVM, so a shutdown hook kills whatever a failed or aborted run leaves behind.
 */
final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread killOnExit;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.killOnExit = new Thread(this::killTree, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static ChildProcess start(String name, List<String> command, Path logFile) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            return new ChildProcess(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    /**
     * Skips the test where the program is missing, except under CI, where {@code .ci/run} installs it and a missing
     * program is a failure.
     */
    static void requireExecutable(Path program, String installHint) {
        boolean found = Files.isExecutable(program);
        if (!found && System.getenv("CI") != null) {
            throw new AssertionError(program + " is not installed; .ci/run must install it (" + installHint + ")");
        }
        assumeThat(found).as(program + " is not installed (" + installHint + ")").isTrue();
    }

    /** Waits for the condition while the process lives; on failure the message carries the end of its log. */
    void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
        try {
            await(name + " " + what).atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .failFast(name + " exited", () -> !process.isAlive())
                    .until(ready::getAsBoolean);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            close();
            throw new AssertionError(name + " is not " + what + " within " + timeout + "; its log:\n" + logTail(), e);
        }
    }

    void awaitListening(int port, Duration timeout) {
        awaitReady("listening on 127.0.0.1:" + port, timeout, () -> accepts(port));
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (a graceful stop for each of these programs), SIGKILL if it does not end in time. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree();
        }
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly()} on Unix): no shutdown hook, no graceful stop, nothing flushed; what
     * a crash or the OOM killer leaves behind. Answers the exit code once the process is gone (137 on Linux).
     */
    int kill() {
        killTree();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " is still alive " + STOP_TIMEOUT + " after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + name + " to die", e);
        }
        return process.exitValue();
    }

    private void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + logFile + ")";
    }
}
