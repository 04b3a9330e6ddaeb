package dev.reddot.cluster;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A service's application started in this JVM as {@code java -jar … --name=value…} would, on a free HTTP port. */
final class RunningService implements AutoCloseable {

    static {
        // one logging set-up for the whole JVM (logback-test.xml): each service would otherwise set it up again
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }

    private final String name;
    private final ConfigurableApplicationContext context;

    private RunningService(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
    }

    static RunningService start(String name, Class<?> application, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--spring.application.name=" + name, "--management.endpoint.health.show-details=always"));
        args.addAll(List.of(settings));
        return new RunningService(name, new SpringApplicationBuilder(application).run(args.toArray(String[]::new)));
    }

    String http(String path) {
        return "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port") + path;
    }

    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
