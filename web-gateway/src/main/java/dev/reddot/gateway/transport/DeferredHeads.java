package dev.reddot.gateway.transport;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Keeps Tomcat from sending a head for a request whose connection writes its own later ({@link DeferredHead}). A valve
 * is where Tomcat shows its own response: as the request returns through it, after every filter, the head is
 * taken from it and the response marked as sent, so that neither Tomcat's end of the request nor the upgrade writes one.
 */
@Component
class DeferredHeads implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addEngineValves(new TakeDeferredHeads());
    }

    private static final class TakeDeferredHeads extends ValveBase {

        TakeDeferredHeads() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            getNext().invoke(request, response);
            // only once the socket is handed over (the upgrade sets 101): a request that failed before answers as ever
            if (request.getAttribute(DeferredHead.ATTRIBUTE) instanceof DeferredHead head
                    && response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS && !response.isCommitted()) {
                head.takeFilterHeaders(response);
                response.getCoyoteResponse().setCommitted(true);
            }
        }
    }
}
