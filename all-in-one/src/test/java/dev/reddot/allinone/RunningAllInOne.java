package dev.reddot.allinone;

import java.nio.file.Path;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.reddot.broker.testing.FreePorts;

/** The all-in-one started the way {@code java -jar reddot.jar --…} starts it, on free loopback ports. */
public final class RunningAllInOne implements AutoCloseable {

    final int httpPort;
    final int mqttPort;
    final int websocketPort;
    final Path dataDir;
    private ConfigurableApplicationContext context;

    public RunningAllInOne(Path dataDir) {
        this.dataDir = dataDir;
        this.httpPort = FreePorts.next();
        this.mqttPort = FreePorts.next();
        this.websocketPort = FreePorts.next();
    }

    public RunningAllInOne start(String... extraArgs) {
        String[] args = {
                "--server.port=" + httpPort,
                "--server.address=127.0.0.1",
                "--reddot.broker.port=" + mqttPort,
                "--reddot.broker.websocket-port=" + websocketPort,
                "--reddot.data-dir=" + dataDir};
        String[] all = new String[args.length + extraArgs.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extraArgs, 0, all, args.length, extraArgs.length);
        context = new SpringApplicationBuilder(AllInOneApplication.class).run(all);
        return this;
    }

    public void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public String http(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public int mqttPort() {
        return mqttPort;
    }

    public String mqttUrl() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    public String websocketUrl() {
        return "ws://127.0.0.1:" + websocketPort + "/mqtt";
    }

    @Override
    public void close() {
        stop();
    }
}
