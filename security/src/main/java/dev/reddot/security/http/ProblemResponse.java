package dev.reddot.security.http;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;

/**
 * An RFC 9457 body written by a servlet filter, shaped like the ones the services' controller advice answers, for
 * requests refused before they reach a controller.
 */
final class ProblemResponse {

    // Spring MVC's own converter for problem details, so the JSON is the same as a controller's
    private static final JacksonJsonHttpMessageConverter JSON = new JacksonJsonHttpMessageConverter();

    private ProblemResponse() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                      String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        // the request URI as the servlet container decoded and re-encoded it: always a valid URI reference
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        JSON.write(problem, MediaType.APPLICATION_PROBLEM_JSON, new ServletServerHttpResponse(response));
    }
}
