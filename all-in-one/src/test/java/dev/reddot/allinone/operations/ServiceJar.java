package dev.reddot.allinone.operations;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.reddot.broker.testing.FreePorts;

/**
 * One of the contract's runnable jars started the way an operator starts it, {@code java -jar … --name=value}, on a
 * free loopback HTTP port, and waited for until {@code /actuator/health} says UP.
 */
final class ServiceJar implements AutoCloseable {

    /** Small heaps and the quick JIT: three JVMs start side by side on two shared cores. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildProcess process;
    private final int httpPort;

    private ServiceJar(ChildProcess process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /** The jar a module's {@code package} phase made, or a skip (a failure under CI) when it was not built. */
    static Path builtJar(String module, String jarName) {
        Path jar = RepositoryRoot.path().resolve(module).resolve("target").resolve(jarName);
        boolean built = Files.isRegularFile(jar);
        if (!built && System.getenv("CI") != null) {
            throw new AssertionError(jar + " is missing: run the tests with 'mvn verify', which packages it first");
        }
        assumeThat(built).as(jar + " is missing: run 'mvn -DskipTests package' first").isTrue();
        return jar;
    }

    /** Starts the jar; call {@link #awaitHealthy()} before using it (several can start side by side). */
    static ServiceJar start(String name, Path jar, Path workDir, String... settings) {
        int httpPort = FreePorts.next();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString(), "--server.address=127.0.0.1", "--server.port=" + httpPort));
        command.addAll(List.of(settings));
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceJar(ChildProcess.start(name, command, workDir.resolve(name + ".log")), httpPort);
    }

    ServiceJar awaitHealthy() {
        process.awaitReady("UP at " + http("/actuator/health"), START_TIMEOUT, this::isUp);
        return this;
    }

    boolean isUp() {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(http("/actuator/health")))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String http(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String logTail() {
        return process.logTail();
    }

    /** SIGKILL, as a crash would end it; answers the exit code (137 on Linux). */
    int kill() {
        return process.kill();
    }

    /** SIGTERM: Spring Boot's graceful shutdown, as {@code docker stop} or systemd would do it. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return process.toString();
    }
}
