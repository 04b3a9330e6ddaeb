package dev.reddot.allinone.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} as Debian's {@code docker-compose} reads it, without a Docker engine: the services,
 * ports, volumes and token-mode settings it resolves to, and the Dockerfiles and jars it builds from.
 */
class DockerComposeConfigTest {

    static final Path EXECUTABLE = Path.of("/usr/bin/docker-compose");
    private static final String SECRET = "compose-config-test-secret-0123456789abcdef";
    private static final Map<String, String> CONTRACT_JARS = Map.of(
            "broker", "broker/target/reddot-broker.jar",
            "publisher", "publisher-service/target/reddot-publisher.jar",
            "gateway", "web-gateway/target/reddot-gateway.jar",
            "simulator", "device-simulator/target/reddot-simulator.jar");
    static final List<Path> CONTRACT_JAR_PATHS = CONTRACT_JARS.values().stream().map(Path::of).toList();

    @TempDir
    static Path workDir;

    static Map<String, Object> config;

    @BeforeAll
    static void resolveTheComposeFile() throws Exception {
        ChildProcess.requireExecutable(EXECUTABLE, "apt-get install docker-compose");
        Path envFile = Files.writeString(workDir.resolve("reddot.env"), String.join("\n",
                "REDDOT_SECURITY_JWT_SECRET=" + SECRET,
                "REDDOT_POSTGRES_PASSWORD=pg-secret",
                "REDDOT_SIMULATOR_TOKEN=header.payload.signature",
                "REDDOT_GATEWAY_PORT=18080") + "\n");
        Result result = compose(envFile, "config");
        assertThat(result.exitCode()).as(result.output()).isZero();
        config = new Yaml().load(result.output());
    }

    @Test
    void runsTheBrokerThePublisherOnPostgresqlTheGatewayAndTheSimulator() {
        assertThat(services()).containsOnlyKeys("broker", "postgres", "publisher", "gateway", "simulator");
        assertThat(environment("publisher"))
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/reddot")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "reddot")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "pg-secret");
        assertThat(environment("postgres")).containsEntry("POSTGRES_PASSWORD", "pg-secret")
                // byte-order collation: ORDER BY user_id agrees with the publisher's lock order
                .containsEntry("POSTGRES_INITDB_ARGS", "--locale=C.UTF-8");
        assertThat(service("publisher").get("depends_on").toString()).contains("postgres", "broker", "service_healthy");
        assertThat(service("gateway").get("depends_on").toString()).contains("broker", "service_healthy");
    }

    @Test
    void publishesMqttWebSocketGatewayAndPublisherPortsButNotTheDatabase() {
        assertThat(publishedPorts("broker")).containsExactlyInAnyOrder("1883:1883", "8083:8083");
        assertThat(publishedPorts("gateway")).containsExactly("18080:8080");
        assertThat(publishedPorts("publisher")).containsExactly("8081:8081");
        assertThat(service("postgres")).doesNotContainKey("ports");
        assertThat(service("simulator")).doesNotContainKey("ports");
    }

    @Test
    void keepsBrokerPublisherAndDatabaseDataInNamedVolumes() {
        assertThat(map(config.get("volumes"))).containsOnlyKeys("broker-data", "publisher-data", "postgres-data");
        assertThat(volumes("broker")).containsExactly("broker-data:/data:rw");
        assertThat(volumes("publisher")).containsExactly("publisher-data:/data:rw");
        assertThat(volumes("postgres")).containsExactly("postgres-data:/var/lib/postgresql/data:rw");
        assertThat(environment("broker")).containsEntry("REDDOT_DATA_DIR", "/data");
        assertThat(environment("publisher")).containsEntry("REDDOT_DATA_DIR", "/data");
    }

    @Test
    void bindsEveryInterfaceOnlyInTokenModeWithTheSecretFromTheEnvFile() {
        assertThat(environment("broker")).containsEntry("REDDOT_BROKER_HOST", "0.0.0.0");
        for (String service : List.of("broker", "publisher", "gateway")) {
            assertThat(environment(service)).as(service)
                    .containsEntry("REDDOT_SECURITY_MODE", "token")
                    .containsEntry("REDDOT_SECURITY_JWT_SECRET", SECRET);
        }
        assertThat(service("simulator").get("command").toString()).contains("--token=header.payload.signature");
    }

    @Test
    void pointsThePublisherTheGatewayAndTheSimulatorAtTheBroker() {
        assertThat(environment("broker")).containsEntry("REDDOT_BROKER_PORT", "1883");
        assertThat(environment("publisher")).containsEntry("REDDOT_MQTT_URL", "tcp://broker:1883");
        assertThat(environment("gateway")).containsEntry("REDDOT_MQTT_URL", "tcp://broker:1883")
                .containsKey("REDDOT_MQTT_GATEWAY_CLIENT_ID")
                .containsEntry("REDDOT_GATEWAY_MQTT_WEBSOCKET_URL", "ws://{host}:8083/mqtt");
        assertThat(service("simulator").get("command").toString()).contains("--url=tcp://broker:1883");
    }

    @Test
    void refusesToResolveWithoutTheJwtSecret() throws Exception {
        Path envFile = Files.writeString(workDir.resolve("no-secret.env"),
                "REDDOT_POSTGRES_PASSWORD=pg-secret\nREDDOT_SIMULATOR_TOKEN=t\n");

        Result result = compose(envFile, "config", "-q");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("REDDOT_SECURITY_JWT_SECRET");
    }

    @Test
    void buildsEachReddotImageFromItsDockerfileOnTemurinAsANonRootUserWithTheContractsJar() throws IOException {
        Path root = RepositoryRoot.path();
        String dockerignore = Files.readString(root.resolve(".dockerignore"));
        for (Map.Entry<String, String> entry : CONTRACT_JARS.entrySet()) {
            Map<String, Object> build = map(service(entry.getKey()).get("build"));
            assertThat(Path.of(build.get("context").toString())).isEqualTo(root);
            Path dockerfile = root.resolve(build.get("dockerfile").toString());
            String text = Files.readString(dockerfile);

            assertThat(text).as(dockerfile.toString())
                    .containsPattern("(?m)^FROM eclipse-temurin:17-jre$")
                    .contains("COPY " + entry.getValue() + " ")
                    .containsPattern("(?m)^ENTRYPOINT \\[\"java\", .*\"-jar\"");
            assertThat(userOf(text)).as(dockerfile + " USER").isNotIn("0", "root", "0:0");
            assertThat(dockerignore).as(".dockerignore lets the jar into the build context")
                    .containsPattern("(?m)^!" + Pattern.quote(entry.getValue()) + "$");
        }
    }

    @Test
    void checksTheHealthOfEveryServerImage() throws IOException {
        Path docker = RepositoryRoot.path().resolve("deploy/docker");
        assertThat(Files.readString(docker.resolve("publisher.Dockerfile")))
                .containsPattern("HEALTHCHECK [^\\n]*\\\\\\n\\s+CMD curl -fsS \"http://127.0.0.1:\\$\\{SERVER_PORT}/actuator/health\"");
        assertThat(Files.readString(docker.resolve("gateway.Dockerfile")))
                .containsPattern("HEALTHCHECK [^\\n]*\\\\\\n\\s+CMD curl -fsS \"http://127.0.0.1:\\$\\{SERVER_PORT}/actuator/health\"");
        // the broker alone has no HTTP port (spring.main.web-application-type=none): a TCP connect to MQTT
        assertThat(Files.readString(docker.resolve("broker.Dockerfile")))
                .containsPattern("HEALTHCHECK [^\\n]*\\\\\\n\\s+CMD bash -c 'exec 3<>\"/dev/tcp/127.0.0.1/");
        assertThat(Files.readString(docker.resolve("simulator.Dockerfile"))).contains("HEALTHCHECK NONE");
    }

    private static String userOf(String dockerfile) {
        Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
        assertThat(user.find()).as("a USER line").isTrue();
        return user.group(1);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result compose(Path envFile, String... command) throws Exception {
        Path root = RepositoryRoot.path();
        List<String> line = new ArrayList<>(List.of(EXECUTABLE.toString(), "--env-file", envFile.toString(),
                "-f", root.resolve("docker-compose.yml").toString()));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("compose.out").toFile());
        // only the env file decides: a developer's shell may have its own values exported
        builder.environment().keySet().removeIf(name -> name.startsWith("REDDOT_"));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("docker-compose " + String.join(" ", command) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(workDir.resolve("compose.out"), StandardCharsets.UTF_8));
    }

    private static Map<String, Object> services() {
        return map(config.get("services"));
    }

    private static Map<String, Object> service(String name) {
        assertThat(services()).containsKey(name);
        return map(services().get(name));
    }

    private static Map<String, Object> environment(String name) {
        return map(service(name).getOrDefault("environment", Map.of()));
    }

    private static List<String> publishedPorts(String name) {
        return list(service(name).getOrDefault("ports", List.of())).stream()
                .map(port -> map(port).get("published") + ":" + map(port).get("target"))
                .toList();
    }

    private static List<String> volumes(String name) {
        return list(service(name).getOrDefault("volumes", List.of())).stream().map(Object::toString).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        assertThat(yaml).isInstanceOf(Map.class);
        return (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object yaml) {
        assertThat(yaml).isInstanceOf(List.class);
        return (List<Object>) yaml;
    }
}
