package dev.reddot.security.http;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.StringJoiner;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.buf.MessageBytes;

/**
 * Replaces the value of every {@code access_token} and {@code token} parameter in the query string (and in the
 * {@code Referer}, which carries the demo page's {@code ?token=}) with {@code REDACTED}, once the request's
 * parameters hold the real value. A browser's EventSource, WebSocket and iframe can only send their token that way
 * (shared/CONTRACT.md, Security), and everything that logs a request reads the query string from Tomcat's request:
 * Tomcat's access log ({@code %r}, {@code %q}, {@code %{Referer}i}), Spring Security's "Securing GET …" and Spring
 * MVC's request lines at DEBUG, a WebSocket session's URI, an error page's {@code jakarta.servlet.error.query_string}.
 * One valve at the head of Tomcat's engine runs before all of them; a servlet filter would come after the
 * access log had already taken its copy of the request (it reads Tomcat's own request, not a wrapper).
 * <p>
 * The token stays readable where it is meant to be read: {@code getParameter("access_token")}, which Spring
 * Security's bearer token resolver uses, answers the real value, as the parameters are parsed before the query string
 * is replaced. Only a GET may carry its token in the query string, so only a GET's parameters are parsed here (a
 * POST's would consume a form body); on any other request the value is simply replaced.
 */
final class QueryTokenRedaction extends ValveBase {

    static final String REDACTED = "REDACTED";
    private static final Set<String> TOKEN_PARAMETERS = Set.of("access_token", "token");

    QueryTokenRedaction() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        MessageBytes query = request.getCoyoteRequest().queryString();
        if (!query.isNull()) {
            String original = query.toString();
            String redacted = redactQuery(original);
            if (!redacted.equals(original)) {
                if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
                    request.getParameterNames();
                }
                query.setString(redacted);
            }
        }
        MessageBytes referer = request.getCoyoteRequest().getMimeHeaders().getValue("Referer");
        if (referer != null && !referer.isNull()) {
            String original = referer.toString();
            int start = original.indexOf('?');
            if (start >= 0) {
                referer.setString(original.substring(0, start + 1) + redactQuery(original.substring(start + 1)));
            }
        }
        getNext().invoke(request, response);
    }

    /** The query with the value of each token parameter replaced; its other parameters as they were, byte for byte. */
    static String redactQuery(String query) {
        StringJoiner redacted = new StringJoiner("&");
        for (String parameter : query.split("&", -1)) {
            int equals = parameter.indexOf('=');
            boolean token = equals >= 0 && isTokenParameter(parameter.substring(0, equals));
            redacted.add(token ? parameter.substring(0, equals + 1) + REDACTED : parameter);
        }
        return redacted.toString();
    }

    /** By its decoded name, as Tomcat decodes it: {@code access%5Ftoken} is {@code access_token} too. */
    private static boolean isTokenParameter(String name) {
        try {
            return TOKEN_PARAMETERS.contains(URLDecoder.decode(name, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            // a name Tomcat cannot decode either: its value is kept from the logs all the same
            return true;
        }
    }
}
