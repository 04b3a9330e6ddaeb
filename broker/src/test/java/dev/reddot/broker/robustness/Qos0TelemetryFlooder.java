package dev.reddot.broker.robustness;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.reddot.broker.robustness.PacketBuilder.Protocol;

/**
 * A raw MQTT 5 device connection writing QoS 0 telemetry as fast as its socket takes it. Every
 * {@value #PUBLISHES_PER_PING} PUBLISH it sends a PINGREQ: the broker answers a PINGREQ only once it has handed on
 * every packet before it, so the PINGRESPs tell how many PUBLISH the broker has taken (what the socket buffers still
 * hold is not counted).
 */
final class Qos0TelemetryFlooder implements TelemetryFlooder {

    private static final int PUBLISHES_PER_PING = 20;
    private static final int GROUPS_PER_WRITE = 25;
    private static final int CONNACK = 2;
    private static final int PINGRESP = 13;
    private static final int DISCONNECT = 14;

    private final String device;
    private final String clientId;
    private final Socket socket;
    private final AtomicLong pingresps = new AtomicLong();
    private final CountDownLatch connack = new CountDownLatch(1);
    private final Thread writer;
    private final Thread reader;
    private volatile boolean open = true;

    private Qos0TelemetryFlooder(String device, String clientId, Socket socket) {
        this.device = device;
        this.clientId = clientId;
        this.socket = socket;
        this.writer = new Thread(this::write, "qos0-flooder-" + clientId);
        this.reader = new Thread(this::read, "qos0-flooder-reader-" + clientId);
        reader.setDaemon(true);
    }

    static Qos0TelemetryFlooder start(String host, int port, String device, String token, Duration answer)
            throws IOException, InterruptedException {
        return start(host, port, device, device, token, answer);
    }

    /** One of several connections of {@code device}, each with a client id of its own. */
    static Qos0TelemetryFlooder start(String host, int port, String device, String clientId, String token,
                                      Duration answer) throws IOException, InterruptedException {
        Socket socket = new Socket(host, port);
        Qos0TelemetryFlooder flooder = new Qos0TelemetryFlooder(device, clientId, socket);
        socket.getOutputStream().write(PacketBuilder.connectWithPassword(Protocol.V5, clientId, true, device, token,
                new byte[0]));
        flooder.reader.start();
        if (!flooder.connack.await(answer.toMillis(), TimeUnit.MILLISECONDS)) {
            socket.close();
            throw new IllegalStateException(clientId + ": no CONNACK within " + answer);
        }
        flooder.writer.start();
        return flooder;
    }

    private void write() {
        byte[] publish = PacketBuilder.publish(Protocol.V5, 0, false,
                PacketBuilder.utf8("devices/" + device + "/telemetry"), 0,
                PacketBuilder.utf8("{\"temperature\":21.5}"));
        byte[] ping = PacketBuilder.pingreq();
        int group = publish.length * PUBLISHES_PER_PING + ping.length;
        byte[] batch = new byte[group * GROUPS_PER_WRITE];
        for (int g = 0; g < GROUPS_PER_WRITE; g++) {
            for (int p = 0; p < PUBLISHES_PER_PING; p++) {
                System.arraycopy(publish, 0, batch, g * group + p * publish.length, publish.length);
            }
            System.arraycopy(ping, 0, batch, g * group + PUBLISHES_PER_PING * publish.length, ping.length);
        }
        try {
            OutputStream out = socket.getOutputStream();
            while (open) {
                out.write(batch);
            }
        } catch (IOException closed) {
            open = false;
        }
    }

    private void read() {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            while (true) {
                int type = in.readUnsignedByte() >> 4;
                in.skipNBytes(AttackerConnection.remainingLength(in));
                if (type == CONNACK) {
                    connack.countDown();
                } else if (type == PINGRESP) {
                    pingresps.incrementAndGet();
                } else if (type == DISCONNECT) {
                    open = false;
                }
            }
        } catch (IOException closed) {
            open = false;
        }
    }

    @Override
    public String name() {
        return clientId + " (QoS 0, raw)";
    }

    @Override
    public long accepted() {
        return pingresps.get() * PUBLISHES_PER_PING;
    }

    @Override
    public boolean connected() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
            writer.join(5_000);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(device + " did not close", e);
        }
    }
}
