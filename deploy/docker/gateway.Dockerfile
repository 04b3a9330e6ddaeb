# The web-gateway alone (reddot-gateway.jar): the demo page and the browser transports (SSE, long poll, poll,
# WebSocket, iframe) on 8080, fed by its subscription to the broker at REDDOT_MQTT_URL. It keeps nothing on disk.
# Build from the repository root after `mvn -DskipTests package`:
#   docker build -f deploy/docker/gateway.Dockerfile -t reddot-gateway .
FROM eclipse-temurin:17-jre

# curl for the health check (the JRE image does not promise one)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 reddot \
    && useradd --system --uid 10001 --gid reddot --home-dir /app --shell /usr/sbin/nologin reddot \
    && mkdir -p /app

COPY web-gateway/target/reddot-gateway.jar /app/reddot-gateway.jar

ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080

USER 10001:10001
WORKDIR /app
EXPOSE 8080

# UP only while the gateway's MQTT subscription is connected
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health" >/dev/null || exit 1

# -XX:-UseCodeCacheFlushing: Java 17's code cache sweeper drops hot compiled code under sustained load and the JIT
# compiles it again, up to a core's worth; -XX:MaxGCPauseMillis=20: G1's young pauses short enough for a count's
# p99 (docs/operations.md, "The JVM")
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:-UseCodeCacheFlushing", "-XX:MaxGCPauseMillis=20", "-jar", "/app/reddot-gateway.jar"]
