package dev.reddot.security.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's firewall sees every request before any controller. It keeps refusing path tricks (encoded dots
 * and backslashes, {@code ;}, {@code //}), now as problem details instead of a bare 400; an encoded slash (and so the
 * {@code %} Tomcat leaves in the path with it) passes, as Tomcat
 * passes it ({@link TomcatConfiguration#encodedSlashPassThrough()}), so that the id check refuses {@code a%2Fb} as a bad id.
 */
final class RejectedRequests implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.debug("{} {} rejected: {}", request.getMethod(), request.getRequestURI(), rejected.getMessage());
        ProblemResponse.write(request, response, HttpStatus.BAD_REQUEST, "Rejected request", rejected.getMessage());
    }
}
