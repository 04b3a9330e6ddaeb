package dev.reddot.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.reddot.broker.testing.RecordingMqttClient;
import dev.reddot.broker.testing.TestBroker;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over TLS and WSS with a certificate this test generates; a client that does not trust it is refused. */
class TlsListenersTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    @Test
    void deliversOverTlsAndSecureWebSocket() throws Exception {
        Path keystore = generateKeystore(dir.resolve("broker.p12"));
        try (TestBroker broker = TestBroker.startWithTls(dir.resolve("data"), keystore, PASSWORD);
             RecordingMqttClient subscriber = RecordingMqttClient.connect(broker.secureWebsocketUrl(),
                     "wss-" + UUID.randomUUID(), trusting(keystore)).subscribe("/message/alice", 1);
             RecordingMqttClient publisher = RecordingMqttClient.connect(broker.tlsUrl(), "tls-" + UUID.randomUUID(),
                     trusting(keystore))) {
            publisher.publish("/message/alice", "{\"unread\":1}", 1, false, Map.of());

            assertThat(subscriber.next(Duration.ofSeconds(5)).payload()).isEqualTo("{\"unread\":1}");
            assertThatThrownBy(() -> RecordingMqttClient.connect(broker.tlsUrl(), "untrusting",
                    new MqttConnectionOptions())).isInstanceOf(Exception.class);
        }
    }

    private static MqttConnectionOptions trusting(Path keystore) throws Exception {
        KeyStore trusted = KeyStore.getInstance(keystore.toFile(), PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(context.getSocketFactory());
        options.setHttpsHostnameVerificationEnabled(false);
        return options;
    }

    /** A self-signed key pair for 127.0.0.1, made by the JDK's keytool. */
    private static Path generateKeystore(Path keystore) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "broker",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return keystore;
    }
}
