package dev.reddot.allinone.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.reddot.broker.testing.FreePorts;

/**
 * Debian's {@code nginx} in the foreground with the example configuration {@code deploy/nginx/reddot.conf}, its
 * listen port and upstreams replaced by free loopback ports. Everything nginx writes (pid, temp files, access log)
 * lives in its own folder; started as root it runs as {@code nobody}, which cannot enter JUnit's private temp
 * folders, so that folder is a world-writable one of its own, removed on close.
 */
final class Nginx implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/sbin/nginx");
    static final Path EXAMPLE = Path.of("deploy", "nginx", "reddot.conf");
    private static final String ACCESS_LOG = "access_log /var/log/nginx/access.log reddot;";

    private final ChildProcess process;
    private final Path prefix;
    private final int port;

    private Nginx(ChildProcess process, Path prefix, int port) {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
    }

    static Nginx inFrontOf(int gatewayPort, int mqttWebsocketPort, Path logDir) {
        ChildProcess.requireExecutable(EXECUTABLE, "apt-get install nginx");
        int port = FreePorts.next();
        try {
            Path prefix = Files.createTempDirectory("reddot-nginx-");
            Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(prefix.resolve("reddot.conf"), example(port, gatewayPort, mqttWebsocketPort, prefix));
            Path config = Files.writeString(prefix.resolve("nginx.conf"), main(prefix));
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("runuser", "-u", "nobody", "--"));
            }
            command.addAll(List.of(EXECUTABLE.toString(), "-p", prefix + "/", "-c", config.toString(), "-e", "stderr"));
            // nginx's stderr is written by this JVM, into the test's own folder
            ChildProcess process = ChildProcess.start("nginx", command, logDir.resolve("nginx.log"));
            process.awaitListening(port, Duration.ofSeconds(10));
            return new Nginx(process, prefix, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example as shipped, with its addresses and log replaced; each must still be there to be replaced. */
    private static String example(int port, int gatewayPort, int mqttWebsocketPort, Path prefix) throws IOException {
        String example = Files.readString(RepositoryRoot.path().resolve(EXAMPLE));
        assertThat(example).as(EXAMPLE + " as the test expects it")
                .contains("listen 80;", "server 127.0.0.1:8080;", "server 127.0.0.1:8083;", ACCESS_LOG);
        return example.replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + gatewayPort + ";")
                .replace("server 127.0.0.1:8083;", "server 127.0.0.1:" + mqttWebsocketPort + ";")
                .replace(ACCESS_LOG, "access_log " + prefix.resolve("reddot-access.log") + " reddot;");
    }

    /** What Debian's /etc/nginx/nginx.conf provides around conf.d, with every path in the prefix. */
    private static String main(Path prefix) {
        return """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr notice;
                events {
                    worker_connections 512;
                }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/reddot.conf;
                }
                """.formatted(prefix);
    }

    String http(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String ws(String path) {
        return "ws://127.0.0.1:" + port + path;
    }

    /** The access log of the example's server, in its own format. */
    String accessLog() {
        try {
            return Files.readString(prefix.resolve("reddot-access.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            try (Stream<Path> files = Files.walk(prefix)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind is harmless
            }
        }
    }
}
