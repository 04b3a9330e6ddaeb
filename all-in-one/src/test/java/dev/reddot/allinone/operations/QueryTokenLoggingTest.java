package dev.reddot.allinone.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reddot.allinone.PushWebSocket;
import dev.reddot.allinone.RunningAllInOne;
import dev.reddot.broker.testing.SseStream;
import dev.reddot.protocol.security.AccessTokens;
import dev.reddot.protocol.security.Scope;

/**
 * Tokens sent as {@code ?access_token=} (EventSource, WebSocket, iframe) or in the demo page's {@code ?token=} never
 * reach a log line in full: the all-in-one in token mode with Tomcat's access log on (request line, query string and
 * Referer) and Spring Security and Spring MVC at DEBUG, which log every request line they see. Valid, expired and
 * forged tokens, over SSE, long polling, WebSocket, polling, a percent-encoded parameter name and a Referer.
 */
class QueryTokenLoggingTest {

    private static final String SECRET = "query-token-logging-secret-of-32-bytes+";
    private static final AccessTokens TOKENS = new AccessTokens(SECRET);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path workDir;

    static Path logs;
    static FileAppender<ILoggingEvent> applicationLog;
    static RunningAllInOne reddot;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String alice = TOKENS.mint("alice", Scope.USER, Duration.ofMinutes(10));
    private final String admin = TOKENS.mint("ops", Scope.ADMIN, Duration.ofMinutes(10));
    private final String expired = new AccessTokens(SECRET, Clock.fixed(Instant.now().minus(Duration.ofHours(2)),
            ZoneOffset.UTC)).mint("alice", Scope.USER, Duration.ofHours(1));
    private final String forged = new AccessTokens("another-secret-of-at-least-32-bytes-long!!")
            .mint("alice", Scope.ADMIN, Duration.ofMinutes(10));

    @BeforeAll
    static void start() {
        logs = workDir.resolve("logs");
        reddot = new RunningAllInOne(workDir.resolve("data")).start("--reddot.security.mode=token",
                "--reddot.security.jwt-secret=" + SECRET,
                // an SSE stream the client left ends, and is logged, at the next heartbeat
                "--reddot.gateway.heartbeat=1s",
                "--server.tomcat.accesslog.enabled=true",
                "--server.tomcat.accesslog.directory=" + logs,
                "--server.tomcat.accesslog.prefix=access",
                "--server.tomcat.accesslog.suffix=.log",
                "--server.tomcat.accesslog.file-date-format=",
                "--server.tomcat.accesslog.buffered=false",
                "--server.tomcat.accesslog.pattern=%r | %q | \"%{Referer}i\" | %s",
                "--logging.level.org.springframework.security=DEBUG",
                "--logging.level.org.springframework.web=DEBUG");
        // every line logged from now on, into a file of this test's own: Spring Boot sets up logging once per JVM
        // when several applications start in it, so logging.file.name would not be sure to take effect
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(logback);
        encoder.setPattern("%level %logger %msg%n%ex");
        encoder.start();
        applicationLog = new FileAppender<>();
        applicationLog.setContext(logback);
        applicationLog.setName("query-token-logging-test");
        applicationLog.setFile(logs.resolve("reddot.log").toString());
        applicationLog.setEncoder(encoder);
        applicationLog.start();
        logback.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(applicationLog);
    }

    @AfterAll
    static void stop() {
        try {
            reddot.close();
        } finally {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME)
                    .detachAppender(applicationLog);
            applicationLog.stop();
        }
    }

    @Test
    void noLogLineHoldsATokenGivenInAQueryString() throws Exception {
        try (SseStream stream = SseStream.open(http, reddot.http("/push/sse/alice?access_token=" + alice))) {
            assertThat(stream.next(WAIT).data()).contains("\"userId\":\"alice\"");
        }
        assertThat(get("/push/sse/alice?access_token=" + expired).statusCode()).isEqualTo(401);
        assertThat(get("/push/sse/alice?access_token=" + forged).statusCode()).isEqualTo(401);
        assertThat(get("/push/long-poll/alice?since=0&timeout=1&access_token=" + alice).statusCode()).isIn(200, 304);
        assertThat(get("/push/long-poll/alice?since=0&timeout=1&access_token=" + forged).statusCode()).isEqualTo(401);
        // Tomcat decodes parameter names: this is an access_token to Spring Security, and to the redaction
        assertThat(get("/push/poll/alice?access%5Ftoken=" + alice).statusCode()).isEqualTo(200);
        assertThat(get("/push/poll/alice?access_token=" + expired).statusCode()).isEqualTo(401);

        String ws = reddot.http("/push/ws/alice?access_token=");
        assertThat(PushWebSocket.firstFrame(http, ws + alice, null, WAIT)).contains("\"userId\":\"alice\"");
        assertThat(PushWebSocket.refusal(http, ws + forged, null, WAIT)).isEqualTo(401);
        assertThat(PushWebSocket.refusal(http, ws + expired, null, WAIT)).isEqualTo(401);

        // the demo page's own ?token=, and the Referer its requests carry
        assertThat(get("/?user=alice&token=" + alice).statusCode()).isEqualTo(200);
        HttpResponse<String> fromThePage = http.send(HttpRequest.newBuilder(URI.create(reddot.http("/push/poll/alice")))
                .header("Authorization", "Bearer " + alice)
                .header("Referer", reddot.http("/?user=alice&token=" + alice)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fromThePage.statusCode()).isEqualTo(200);
        // the admin page still gets its token: the redirect is built from the parameters, not the redacted query
        HttpResponse<String> adminPage = get("/admin?token=" + admin);
        assertThat(adminPage.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/admin/?token=" + admin));

        Path accessLog = logs.resolve("access.log");
        await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(accessLog))
                .as("every request was logged, the SSE stream once it ended (as 500: its client left)")
                .containsPattern("GET /push/sse/alice\\?access_token=REDACTED HTTP/1.1 \\| \\?access_token=REDACTED "
                        + "\\| \"-\" \\| (200|500)")
                .contains("GET /push/ws/alice?access_token=REDACTED HTTP/1.1 | ?access_token=REDACTED | \"-\" | 101",
                        "GET /push/poll/alice?access%5Ftoken=REDACTED",
                        "\"" + reddot.http("/?user=alice&token=REDACTED") + "\"",
                        "GET /admin?token=REDACTED"));
        String applicationLog = Files.readString(logs.resolve("reddot.log"));
        assertThat(applicationLog).as("Spring Security logged the request lines")
                .contains("Securing GET /push/sse/alice?access_token=REDACTED");
        for (String log : List.of(Files.readString(accessLog), applicationLog)) {
            for (String token : List.of(alice, admin, expired, forged)) {
                // a JWT's first part is the same for every token; its claims and signature are not
                String[] parts = token.split("\\.");
                assertThat(log).doesNotContain(parts[1]).doesNotContain(parts[2]);
            }
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(reddot.http(path))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
