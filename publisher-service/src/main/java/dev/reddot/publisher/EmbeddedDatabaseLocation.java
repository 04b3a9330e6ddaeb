package dev.reddot.publisher;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Places the embedded H2 database under {@code reddot.data-dir} unless {@code spring.datasource.url} is given
 * (PostgreSQL, say). H2 refuses paths relative to the working directory that do not start with {@code ./},
 * so the data dir is made absolute here rather than in a placeholder. H2 runs in its PostgreSQL mode so that
 * one set of SQL (migrations and {@code INSERT … ON CONFLICT DO NOTHING}) serves both databases.
 */
class EmbeddedDatabaseLocation implements EnvironmentPostProcessor, Ordered {

    static final String URL_PROPERTY = "spring.datasource.url";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(URL_PROPERTY)) {
            return;
        }
        Path database = Path.of(environment.getProperty("reddot.data-dir", "./data"))
                .toAbsolutePath().normalize().resolve("publisher").resolve("reddot");
        // WRITE_DELAY=0: a commit is in the file before the 201 goes out (H2 writes about once a second by default, so
        // a killed process lost the last second of acknowledged changes). It is not an fsync: power loss still can.
        environment.getPropertySources().addLast(new MapPropertySource("reddotEmbeddedDatabase",
                Map.of(URL_PROPERTY, "jdbc:h2:file:" + database + ";MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0")));
    }

    @Override
    public int getOrder() {
        // after application.properties and the command line have been read
        return Ordered.LOWEST_PRECEDENCE;
    }
}
