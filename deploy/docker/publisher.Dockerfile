# The publisher-service alone (reddot-publisher.jar): the REST API on 8081, publishing to the broker at
# REDDOT_MQTT_URL. Its store is SPRING_DATASOURCE_URL (PostgreSQL), or an H2 file below /data when that is unset.
# Build from the repository root after `mvn -DskipTests package`:
#   docker build -f deploy/docker/publisher.Dockerfile -t reddot-publisher .
FROM eclipse-temurin:17-jre

# curl for the health check (the JRE image does not promise one)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 reddot \
    && useradd --system --uid 10001 --gid reddot --home-dir /app --shell /usr/sbin/nologin reddot \
    && mkdir -p /app /data \
    && chown reddot:reddot /data

COPY publisher-service/target/reddot-publisher.jar /app/reddot-publisher.jar

ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8081 \
    REDDOT_DATA_DIR=/data

USER 10001:10001
WORKDIR /app
VOLUME /data
EXPOSE 8081

# UP only while the MQTT client is connected (and the database answers)
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health" >/dev/null || exit 1

# -XX:-UseCodeCacheFlushing: Java 17's code cache sweeper drops hot compiled code under sustained load and the JIT
# compiles it again, up to a core's worth; -XX:MaxGCPauseMillis=20: G1's young pauses short enough for a count's
# p99 (docs/operations.md, "The JVM")
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:-UseCodeCacheFlushing", "-XX:MaxGCPauseMillis=20", "-jar", "/app/reddot-publisher.jar"]
