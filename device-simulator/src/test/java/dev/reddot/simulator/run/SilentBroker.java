package dev.reddot.simulator.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker that accepts every MQTT 5 connection and then never acknowledges anything: every QoS 1 publish sent to
 * it is lost, deterministically.
 */
final class SilentBroker implements AutoCloseable {

    /** CONNACK: session not present, reason 0 (success), no properties. */
    private static final byte[] CONNACK_V5 = {0x20, 0x03, 0x00, 0x00, 0x00};

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    private SilentBroker(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::accept, "silent-broker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static SilentBroker start() throws IOException {
        return new SilentBroker(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        try {
            while (!server.isClosed()) {
                Socket connection = server.accept();
                connections.add(connection);
                Thread reader = new Thread(() -> answerConnectOnly(connection), "silent-broker-connection");
                reader.setDaemon(true);
                reader.start();
            }
        } catch (SocketException closed) {
            // close() ends the accept loop
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the first bytes (the CONNECT), accepts it, then reads and ignores everything. */
    private void answerConnectOnly(Socket connection) {
        try (connection; InputStream in = connection.getInputStream()) {
            byte[] buffer = new byte[8192];
            if (in.read(buffer) < 0) {
                return;
            }
            connection.getOutputStream().write(CONNACK_V5);
            connection.getOutputStream().flush();
            while (in.read(buffer) >= 0) {
                // swallow PUBLISH and PINGREQ alike: nothing is ever acknowledged
            }
        } catch (IOException closed) {
            // the client or close() ended the connection
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
