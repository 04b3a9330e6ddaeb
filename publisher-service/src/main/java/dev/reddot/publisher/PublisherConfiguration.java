package dev.reddot.publisher;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

import dev.reddot.security.SecurityConfiguration;

/**
 * The publisher-service as a module: every bean and setting of {@code dev.reddot.publisher}, and the security module it reads
 * {@code reddot.security} from. Imported by {@link PublisherApplication} and by the all-in-one, which leave the rest to
 * Spring Boot's auto-configuration. The application classes are left out of the scan: each would configure the whole
 * context a second time.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION,
        classes = SpringBootConfiguration.class))
@ConfigurationPropertiesScan
@Import(SecurityConfiguration.class)
public class PublisherConfiguration {
}
