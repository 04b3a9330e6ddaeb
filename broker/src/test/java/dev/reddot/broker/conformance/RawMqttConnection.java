package dev.reddot.broker.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain socket speaking MQTT byte for byte, for what a client library hides: pipelining before CONNACK, CONNACK
 * properties, unacknowledged deliveries, protocol errors. A reader thread frames incoming packets into a queue so
 * that waits are bounded without losing a half-read packet.
 */
final class RawMqttConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RawMqttConnection.class);

    private final Socket socket;
    private final MqttVersion version;
    private final BlockingQueue<ReceivedPacket> incoming = new LinkedBlockingQueue<>();
    private volatile boolean closedByBroker;
    private ReceivedPacket.Connack connack;

    private RawMqttConnection(Socket socket, MqttVersion version) {
        this.socket = socket;
        this.version = version;
    }

    static RawMqttConnection open(BrokerUnderTest broker, MqttVersion version) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(broker.host(), broker.port()), (int) Waits.DELIVERY.toMillis());
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("Cannot connect to " + broker.name() + " at " + broker.tcpUrl(), e);
        }
        RawMqttConnection connection = new RawMqttConnection(socket, version);
        Thread reader = new Thread(connection::readUntilClosed, "raw-mqtt-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
        return connection;
    }

    /** Opens a connection, sends the CONNECT and waits for a successful CONNACK. */
    static RawMqttConnection connected(BrokerUnderTest broker, Connect connect) {
        RawMqttConnection connection = open(broker, connect.version());
        try {
            connection.send(connect.encode());
            ReceivedPacket.Connack connack = connection.expect(ReceivedPacket.CONNACK, Waits.DELIVERY).connack();
            CheckFailure.unless(connack.reasonCode() == 0, "CONNECT refused with " + ReceivedPacket.hex(connack.reasonCode()));
            connection.connack = connack;
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The CONNACK that {@link #connected} waited for. */
    ReceivedPacket.Connack connack() {
        return connack;
    }

    /**
     * A PINGREQ round trip: for checks about what follows CONNECT, not about racing it. Moquette 0.18.3 closes about
     * 2 % of connections that subscribe the moment CONNACK arrives; that has its own check.
     */
    RawMqttConnection settled() {
        send(OutgoingPackets.pingreq());
        expect(ReceivedPacket.PINGRESP, Waits.DELIVERY);
        return this;
    }

    /** Writes the packets in one go, as a client that does not wait between them would. */
    void send(byte[]... packets) {
        if (!trySend(packets)) {
            throw new CheckFailure("the broker closed the connection before the client could send");
        }
    }

    /** Like {@link #send}, for a broker allowed to close the connection while the client writes. */
    boolean trySend(byte[]... packets) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] packet : packets) {
            all.writeBytes(packet);
        }
        try {
            OutputStream out = socket.getOutputStream();
            out.write(all.toByteArray());
            out.flush();
            return true;
        } catch (IOException e) {
            log.debug("Writing to a raw MQTT connection failed: {}", e.toString());
            return false;
        }
    }

    /** The next packet, a {@link ReceivedPacket#CLOSED} marker once the broker has closed, or empty after the wait. */
    Optional<ReceivedPacket> next(Duration wait) {
        try {
            ReceivedPacket packet = incoming.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (packet != null && packet.isClosed()) {
                incoming.add(packet);
            }
            return Optional.ofNullable(packet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckFailure("interrupted while waiting for a packet");
        }
    }

    /** The next packet, which must be of the given type. */
    ReceivedPacket expect(int type, Duration wait) {
        ReceivedPacket packet = next(wait)
                .orElseThrow(() -> new CheckFailure("no " + ReceivedPacket.name(type) + " within " + wait.toMillis() + " ms"));
        CheckFailure.unless(packet.type() == type, "expected " + ReceivedPacket.name(type) + ", got " + packet);
        return packet;
    }

    /** The first packet matching, skipping others; empty if none arrives in time or the broker closes. */
    Optional<ReceivedPacket> await(Predicate<ReceivedPacket> wanted, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Optional<ReceivedPacket> packet = next(Duration.ofNanos(left));
            if (packet.isEmpty()) {
                return Optional.empty();
            }
            if (wanted.test(packet.get())) {
                return packet;
            }
            if (packet.get().isClosed()) {
                return Optional.empty();
            }
        }
    }

    /** Every packet that arrives within the window (stops early when the broker closes). */
    List<ReceivedPacket> collect(Duration window) {
        List<ReceivedPacket> packets = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return packets;
            }
            Optional<ReceivedPacket> packet = next(Duration.ofNanos(left));
            if (packet.isEmpty()) {
                return packets;
            }
            packets.add(packet.get());
            if (packet.get().isClosed()) {
                return packets;
            }
        }
    }

    /** Whether the broker closes the connection within the wait, whatever it sends before. */
    boolean closesWithin(Duration wait) {
        return await(ReceivedPacket::isClosed, wait).isPresent() || closedByBroker;
    }

    boolean isClosedByBroker() {
        return closedByBroker;
    }

    /** Drops the TCP connection without DISCONNECT, as a device losing its network would. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing a raw MQTT socket failed", e);
        }
    }

    private void readUntilClosed() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    break;
                }
                byte[] body = in.readNBytes(remainingLength(in));
                incoming.add(new ReceivedPacket(first >> 4, first & 0x0F, body, version));
            }
        } catch (IOException e) {
            // a reset is how many brokers refuse; what counts for the checks is that the connection ended
            log.debug("Raw MQTT connection ended: {}", e.toString());
        }
        closedByBroker = !socket.isClosed();
        incoming.add(ReceivedPacket.closed(version));
    }

    private static int remainingLength(InputStream in) throws IOException {
        int value = 0;
        int multiplier = 1;
        for (int i = 0; i < 4; i++) {
            int digit = in.read();
            if (digit < 0) {
                throw new EOFException("connection closed inside a fixed header");
            }
            value += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) {
                return value;
            }
            multiplier *= 128;
        }
        throw new IOException("malformed remaining length");
    }
}
