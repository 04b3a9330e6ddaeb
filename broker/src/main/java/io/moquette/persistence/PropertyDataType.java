package io.moquette.persistence;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.mqtt.MqttProperties;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * Reddot's replacement for Moquette 0.18.3's class of the same name, which its H2 store uses to write the MQTT 5
 * properties of retained and queued messages. Moquette's version counts user properties but never writes them
 * (and writes binary properties without their id), so the store cannot read its own records back and the broker
 * does not start again. This one writes every kind of property, each as kind, id and value.
 *
 * <p>Same package and name so that Moquette's store picks it up in place of its own; see broker/README.md for why,
 * what relies on it, and how to drop it once Moquette writes user properties itself.
 */
class PropertyDataType extends BasicDataType<MqttProperties.MqttProperty> {

    /** Property kinds as written; the first three keep Moquette's ordinals, which its other classes refer to. */
    enum MqttPropertyEnum { STRING, INTEGER, BINARY, USER_PROPERTIES }

    @Override
    public int getMemory(MqttProperties.MqttProperty property) {
        int value = 4;
        if (property instanceof MqttProperties.StringProperty string) {
            value = StringDataType.INSTANCE.getMemory(string.value());
        } else if (property instanceof MqttProperties.BinaryProperty binary) {
            value = 4 + binary.value().length;
        } else if (property instanceof MqttProperties.UserProperties users) {
            for (MqttProperties.StringPair pair : users.value()) {
                value += StringDataType.INSTANCE.getMemory(pair.key) + StringDataType.INSTANCE.getMemory(pair.value);
            }
        }
        return 1 + 4 + value;
    }

    @Override
    public void write(WriteBuffer buffer, MqttProperties.MqttProperty property) {
        if (property instanceof MqttProperties.UserProperties users) {
            writeHeader(buffer, MqttPropertyEnum.USER_PROPERTIES, property);
            buffer.putInt(users.value().size());
            for (MqttProperties.StringPair pair : users.value()) {
                StringDataType.INSTANCE.write(buffer, pair.key);
                StringDataType.INSTANCE.write(buffer, pair.value);
            }
        } else if (property instanceof MqttProperties.StringProperty string) {
            writeHeader(buffer, MqttPropertyEnum.STRING, property);
            StringDataType.INSTANCE.write(buffer, string.value());
        } else if (property instanceof MqttProperties.IntegerProperty integer) {
            writeHeader(buffer, MqttPropertyEnum.INTEGER, property);
            buffer.putInt(integer.value());
        } else if (property instanceof MqttProperties.BinaryProperty binary) {
            writeHeader(buffer, MqttPropertyEnum.BINARY, property);
            buffer.putInt(binary.value().length);
            buffer.put(binary.value());
        } else {
            // a property the record would count but not hold makes the whole store unreadable: refuse it here
            throw new IllegalArgumentException("Cannot store MQTT property " + property.getClass().getName());
        }
    }

    @Override
    public MqttProperties.MqttProperty read(ByteBuffer buffer) {
        int kind = buffer.get();
        if (kind < 0 || kind >= MqttPropertyEnum.values().length) {
            throw DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT, "Unknown MQTT property kind {0}", kind);
        }
        int id = buffer.getInt();
        return switch (MqttPropertyEnum.values()[kind]) {
            case STRING -> new MqttProperties.StringProperty(id, StringDataType.INSTANCE.read(buffer));
            case INTEGER -> new MqttProperties.IntegerProperty(id, buffer.getInt());
            case BINARY -> {
                byte[] value = new byte[buffer.getInt()];
                buffer.get(value);
                yield new MqttProperties.BinaryProperty(id, value);
            }
            case USER_PROPERTIES -> {
                int pairs = buffer.getInt();
                List<MqttProperties.StringPair> values = new ArrayList<>(pairs);
                for (int i = 0; i < pairs; i++) {
                    values.add(new MqttProperties.StringPair(StringDataType.INSTANCE.read(buffer),
                            StringDataType.INSTANCE.read(buffer)));
                }
                yield new MqttProperties.UserProperties(values);
            }
        };
    }

    @Override
    public MqttProperties.MqttProperty[] createStorage(int size) {
        return new MqttProperties.MqttProperty[size];
    }

    private static void writeHeader(WriteBuffer buffer, MqttPropertyEnum kind, MqttProperties.MqttProperty property) {
        buffer.put((byte) kind.ordinal());
        buffer.putInt(property.propertyId());
    }
}
