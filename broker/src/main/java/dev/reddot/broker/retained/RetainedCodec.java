package dev.reddot.broker.retained;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * A retained PUBLISH as bytes and back: topic, QoS, payload and every MQTT 5 property, user properties included.
 * Format (version 1): version, topic, qos, property count, then per property a kind, its id and its value;
 * then the payload.
 */
final class RetainedCodec {

    private static final byte VERSION = 1;
    private static final byte INTEGER = 0;
    private static final byte STRING = 1;
    private static final byte BINARY = 2;
    private static final byte USER_PROPERTIES = 3;

    private RetainedCodec() {
    }

    static byte[] encode(MqttPublishMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + message.payload().readableBytes());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(message.variableHeader().topicName());
            out.writeByte(message.fixedHeader().qosLevel().value());
            @SuppressWarnings("unchecked")
            List<MqttProperties.MqttProperty<?>> properties =
                    (List<MqttProperties.MqttProperty<?>>) (List<?>) List.copyOf(message.variableHeader().properties().listAll());
            out.writeShort(properties.size());
            for (MqttProperties.MqttProperty<?> property : properties) {
                writeProperty(out, property);
            }
            byte[] payload = ByteBufUtil.getBytes(message.payload());
            out.writeInt(payload.length);
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A new retained PUBLISH; its payload buffer belongs to the caller (Moquette releases it once routed). */
    static MqttPublishMessage decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("Unknown retained record version " + version);
            }
            String topic = in.readUTF();
            MqttQoS qos = MqttQoS.valueOf(in.readByte());
            MqttProperties properties = new MqttProperties();
            int count = in.readShort();
            for (int i = 0; i < count; i++) {
                readProperty(in, properties);
            }
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            ByteBuf buffer = Unpooled.wrappedBuffer(payload);
            return new MqttPublishMessage(
                    new MqttFixedHeader(MqttMessageType.PUBLISH, false, qos, true, 0),
                    new MqttPublishVariableHeader(topic, qos == MqttQoS.AT_MOST_ONCE ? 0 : 1, properties),
                    buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeProperty(DataOutputStream out, MqttProperties.MqttProperty<?> property) throws IOException {
        if (property instanceof MqttProperties.UserProperties users) {
            out.writeByte(USER_PROPERTIES);
            out.writeInt(property.propertyId());
            out.writeShort(users.value().size());
            for (MqttProperties.StringPair pair : users.value()) {
                out.writeUTF(pair.key);
                out.writeUTF(pair.value);
            }
        } else if (property instanceof MqttProperties.IntegerProperty integer) {
            out.writeByte(INTEGER);
            out.writeInt(property.propertyId());
            out.writeInt(integer.value());
        } else if (property instanceof MqttProperties.StringProperty string) {
            out.writeByte(STRING);
            out.writeInt(property.propertyId());
            out.writeUTF(string.value());
        } else if (property instanceof MqttProperties.BinaryProperty binary) {
            out.writeByte(BINARY);
            out.writeInt(property.propertyId());
            out.writeInt(binary.value().length);
            out.write(binary.value());
        } else {
            throw new IllegalArgumentException("Unsupported MQTT property " + property.getClass().getName());
        }
    }

    private static void readProperty(DataInputStream in, MqttProperties properties) throws IOException {
        byte kind = in.readByte();
        int id = in.readInt();
        switch (kind) {
            case INTEGER -> properties.add(new MqttProperties.IntegerProperty(id, in.readInt()));
            case STRING -> properties.add(new MqttProperties.StringProperty(id, in.readUTF()));
            case BINARY -> {
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                properties.add(new MqttProperties.BinaryProperty(id, value));
            }
            case USER_PROPERTIES -> {
                MqttProperties.UserProperties users = new MqttProperties.UserProperties();
                int pairs = in.readShort();
                for (int i = 0; i < pairs; i++) {
                    users.add(in.readUTF(), in.readUTF());
                }
                properties.add(users);
            }
            default -> throw new IllegalArgumentException("Unknown property kind " + kind);
        }
    }
}
