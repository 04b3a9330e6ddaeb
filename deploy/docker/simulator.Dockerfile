# The device simulator (reddot-simulator.jar): a command line, not a server, so no port and no health check.
# Build from the repository root after `mvn -DskipTests package`:
#   docker build -f deploy/docker/simulator.Dockerfile -t reddot-simulator .
#   docker run --rm reddot-simulator run --url tcp://broker:1883 --devices 5 --rate 0.2
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 reddot \
    && useradd --system --uid 10001 --gid reddot --home-dir /app --shell /usr/sbin/nologin reddot \
    && mkdir -p /app

COPY device-simulator/target/reddot-simulator.jar /app/reddot-simulator.jar

USER 10001:10001
WORKDIR /app

HEALTHCHECK NONE

ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/reddot-simulator.jar"]
CMD ["--help"]
