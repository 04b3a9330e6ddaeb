package dev.reddot.broker.pipeline;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * The deliveries left unacknowledged at a broker stop ({@link UnacknowledgedDeliveries#keep}), in a file of
 * Reddot's next to Moquette's store: written at the stop, read and deleted at the next start, so that a start after a
 * crash never resends what an older stop left. What the client saw of a PUBLISH is kept: packet id, QoS, topic,
 * payload and MQTT 5 properties.
 */
final class UnacknowledgedDeliveriesFile {

    private static final int FORMAT = 0x52444e31; // "RDN1"
    private static final byte PUBLISH = 1;
    private static final byte PUBREL = 2;
    private static final byte INTEGER = 1;
    private static final byte STRING = 2;
    private static final byte BINARY = 3;
    private static final byte USER_PROPERTIES = 4;

    private UnacknowledgedDeliveriesFile() {
    }

    static void write(Path file, List<UnacknowledgedDeliveries.Kept> kept) throws IOException {
        Path written = file.resolveSibling(file.getFileName() + ".new");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(written)))) {
            out.writeInt(FORMAT);
            out.writeInt(kept.size());
            for (UnacknowledgedDeliveries.Kept client : kept) {
                writeBytes(out, client.clientId().getBytes(StandardCharsets.UTF_8));
                out.writeInt(client.newestPacketId());
                out.writeInt(client.packets().size());
                for (MqttMessage packet : client.packets()) {
                    writePacket(out, packet);
                }
            }
        }
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writePacket(DataOutputStream out, MqttMessage packet) throws IOException {
        if (packet instanceof MqttPublishMessage publish) {
            out.writeByte(PUBLISH);
            out.writeShort(publish.variableHeader().packetId());
            out.writeByte(publish.fixedHeader().qosLevel().value());
            writeBytes(out, publish.variableHeader().topicName().getBytes(StandardCharsets.UTF_8));
            writeBytes(out, ByteBufUtil.getBytes(publish.payload()));
            writeProperties(out, publish.variableHeader().properties());
        } else {
            out.writeByte(PUBREL);
            out.writeShort(Packets.packetId(packet));
        }
    }

    private static void writeProperties(DataOutputStream out, MqttProperties properties) throws IOException {
        List<? extends MqttProperties.MqttProperty> all = List.copyOf(properties.listAll());
        out.writeInt(all.size());
        for (MqttProperties.MqttProperty property : all) {
            if (property instanceof MqttProperties.UserProperties users) {
                out.writeByte(USER_PROPERTIES);
                out.writeInt(users.value().size());
                for (MqttProperties.StringPair pair : users.value()) {
                    writeBytes(out, pair.key.getBytes(StandardCharsets.UTF_8));
                    writeBytes(out, pair.value.getBytes(StandardCharsets.UTF_8));
                }
                continue;
            }
            if (property instanceof MqttProperties.IntegerProperty integer) {
                out.writeByte(INTEGER);
                out.writeInt(property.propertyId());
                out.writeInt(integer.value());
            } else if (property instanceof MqttProperties.StringProperty string) {
                out.writeByte(STRING);
                out.writeInt(property.propertyId());
                writeBytes(out, string.value().getBytes(StandardCharsets.UTF_8));
            } else if (property instanceof MqttProperties.BinaryProperty binary) {
                out.writeByte(BINARY);
                out.writeInt(property.propertyId());
                writeBytes(out, binary.value());
            } else {
                throw new IOException("cannot keep MQTT property " + property.getClass().getName());
            }
        }
    }

    private static MqttProperties readProperties(DataInputStream in) throws IOException {
        MqttProperties properties = new MqttProperties();
        for (int count = in.readInt(); count > 0; count--) {
            byte kind = in.readByte();
            if (kind == USER_PROPERTIES) {
                List<MqttProperties.StringPair> pairs = new ArrayList<>();
                for (int pair = in.readInt(); pair > 0; pair--) {
                    pairs.add(new MqttProperties.StringPair(new String(readBytes(in), StandardCharsets.UTF_8),
                            new String(readBytes(in), StandardCharsets.UTF_8)));
                }
                properties.add(new MqttProperties.UserProperties(pairs));
                continue;
            }
            int id = in.readInt();
            properties.add(switch (kind) {
                case INTEGER -> new MqttProperties.IntegerProperty(id, in.readInt());
                case STRING -> new MqttProperties.StringProperty(id, new String(readBytes(in), StandardCharsets.UTF_8));
                case BINARY -> new MqttProperties.BinaryProperty(id, readBytes(in));
                default -> throw new IOException("unknown MQTT property kind " + kind);
            });
        }
        return properties;
    }

    /** What the file holds (nothing without a file); the file is gone afterwards. The packets are the caller's. */
    static List<UnacknowledgedDeliveries.Kept> take(Path file) throws IOException {
        List<UnacknowledgedDeliveries.Kept> kept = new ArrayList<>();
        InputStream opened;
        try {
            opened = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            return kept;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(opened))) {
            if (in.readInt() != FORMAT) {
                throw new IOException(file + " is not a file of unacknowledged deliveries");
            }
            for (int clients = in.readInt(); clients > 0; clients--) {
                String clientId = new String(readBytes(in), StandardCharsets.UTF_8);
                int newestPacketId = in.readInt();
                List<MqttMessage> packets = new ArrayList<>();
                for (int count = in.readInt(); count > 0; count--) {
                    packets.add(readPacket(in));
                }
                kept.add(new UnacknowledgedDeliveries.Kept(clientId, newestPacketId, packets));
            }
        }
        Files.delete(file);
        return kept;
    }

    private static MqttMessage readPacket(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        int packetId = in.readUnsignedShort();
        if (kind == PUBREL) {
            return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 2),
                    MqttMessageIdVariableHeader.from(packetId));
        }
        if (kind != PUBLISH) {
            throw new IOException("unknown packet kind " + kind);
        }
        MqttQoS qos = MqttQoS.valueOf(in.readUnsignedByte());
        String topic = new String(readBytes(in), StandardCharsets.UTF_8);
        byte[] payload = readBytes(in);
        MqttProperties properties = readProperties(in);
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, qos, false, 0),
                new MqttPublishVariableHeader(topic, packetId, properties), Unpooled.wrappedBuffer(payload));
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 28) {
            throw new IOException("implausible length " + length);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("the file ends inside a packet");
        }
        return bytes;
    }
}
