package dev.reddot.security.http;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the services' Tomcat does before any of Spring's code sees a request. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
class TomcatConfiguration {

    /**
     * Tomcat answers an encoded slash in a path ({@code /api/users/a%2Fb/...}, {@code /push/sse/a%2Fb}) with its own
     * HTML error page. Passing it through lets each service's id check refuse it like any other bad id, as problem
     * details; the firewall lets it through for the same reason ({@link RejectedRequests}).
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashPassThrough() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    /** Tokens in a query string or a Referer never reach a log line: {@link QueryTokenRedaction}. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> queryTokenRedaction() {
        return factory -> factory.addEngineValves(new QueryTokenRedaction());
    }
}
