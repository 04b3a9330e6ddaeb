package dev.reddot.publisher.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.reddot.publisher.PublisherApplication;

/** The publisher application started in this JVM with the given settings, on a free HTTP port. */
public final class RunningPublisher implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningPublisher(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static RunningPublisher start(Map<String, String> settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--logging.level.io.moquette=WARN"));
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new RunningPublisher(new SpringApplication(PublisherApplication.class).run(args.toArray(String[]::new)));
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
