package dev.reddot.security;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The security module in a context: {@code reddot.security.*}, and, where the context serves HTTP with Spring
 * Security, the firewall, the actuator's rules and the {@link dev.reddot.security.http.ServiceSecurity} each
 * service builds its own chain with. Imported by every module's configuration that reads the settings.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@ConfigurationPropertiesScan
public class SecurityConfiguration {
}
