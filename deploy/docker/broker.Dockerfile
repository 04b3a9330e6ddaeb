# The broker alone (reddot-broker.jar): MQTT over TCP on 1883, MQTT over WebSocket on 8083 (/mqtt). It has no HTTP
# port, so its health check is a TCP connect to the MQTT listener.
# Build from the repository root after `mvn -DskipTests package`:
#   docker build -f deploy/docker/broker.Dockerfile -t reddot-broker .
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 reddot \
    && useradd --system --uid 10001 --gid reddot --home-dir /app --shell /usr/sbin/nologin reddot \
    && mkdir -p /app /data \
    && chown reddot:reddot /data

COPY broker/target/reddot-broker.jar /app/reddot-broker.jar

# A container's loopback is unreachable from outside, so the listeners bind every interface; the broker then
# refuses to start in the default open mode: set REDDOT_SECURITY_MODE=token and REDDOT_SECURITY_JWT_SECRET.
ENV REDDOT_BROKER_HOST=0.0.0.0 \
    REDDOT_DATA_DIR=/data

USER 10001:10001
WORKDIR /app
VOLUME /data
EXPOSE 1883 8083

HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD bash -c 'exec 3<>"/dev/tcp/127.0.0.1/${REDDOT_BROKER_PORT:-1883}"' || exit 1

# -XX:-UseCodeCacheFlushing: Java 17's code cache sweeper drops hot compiled code under sustained load and the JIT
# compiles it again, up to a core's worth; -XX:MaxGCPauseMillis=20: G1's young pauses short enough for a count's
# p99 (docs/operations.md, "The JVM")
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:-UseCodeCacheFlushing", "-XX:MaxGCPauseMillis=20", "-jar", "/app/reddot-broker.jar"]
