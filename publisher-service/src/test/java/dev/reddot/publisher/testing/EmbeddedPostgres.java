package dev.reddot.publisher.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.reddot.broker.testing.FreePorts;

/**
 * A throwaway PostgreSQL cluster from Debian's {@code postgresql} package: initdb into a temporary directory,
 * started on a free loopback port, removed on close. PostgreSQL refuses to run as root, so as root the
 * server runs as the {@code postgres} user.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String USER = "test";
    public static final String PASSWORD = "secret";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private EmbeddedPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** The directory holding initdb and pg_ctl of the newest installed PostgreSQL, if any. */
    public static Optional<Path> binaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> installed = Files.list(versions)) {
            return installed.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> bin.getParent().getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EmbeddedPostgres start(Path bin) {
        try {
            Path dir = Files.createTempDirectory("reddot-postgres");
            EmbeddedPostgres postgres = new EmbeddedPostgres(bin, dir, FreePorts.next());
            postgres.initAndStart();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void initAndStart() throws IOException {
        Path passwordFile = dir.resolve("pw");
        Files.writeString(passwordFile, PASSWORD + "\n");
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:", dir.toString()));
        }
        run(asServerUser(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"));
        run(asServerUser(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                "-l", dir.resolve("postgres.log").toString(), "-w", "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off", "start"));
    }

    /** A new, empty database on this cluster: its JDBC URL. */
    public String createDatabase() {
        String name = "reddot" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException {
        try {
            run(asServerUser(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
                    "-w", "stop"));
        } finally {
            TempDirectories.delete(dir);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(String... command) {
        List<String> line = new ArrayList<>();
        if (isRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        return line;
    }

    private void run(List<String> command) throws IOException {
        Path output = Files.createTempFile("reddot-postgres", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Failed (" + process.exitValue() + "): " + command + "\n"
                        + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + command, e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
