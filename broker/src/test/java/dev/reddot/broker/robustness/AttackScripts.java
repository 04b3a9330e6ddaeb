package dev.reddot.broker.robustness;

import static dev.reddot.broker.robustness.PacketBuilder.concat;
import static dev.reddot.broker.robustness.PacketBuilder.utf8;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.reddot.broker.robustness.PacketBuilder.Protocol;

/** Writes the script of one hostile connection, from that connection's own random. */
final class AttackScripts {

    /** A valid packet and what it is. */
    private record Packet(String kind, byte[] bytes) {
    }

    private static final int TEN_MEGABYTES = 10 * 1024 * 1024;

    private final Random random;
    private final PacketMutator mutator;
    private final String clientId;
    private final String topic;

    AttackScripts(Random random, long connectionNumber) {
        this.random = random;
        this.mutator = new PacketMutator(random);
        this.clientId = "fuzz-" + connectionNumber;
        this.topic = "fuzz/t/" + connectionNumber;
    }

    FuzzScript write(Attack attack) {
        FuzzScript.Builder script = FuzzScript.of(attack);
        switch (attack) {
            case RANDOM_BYTES -> randomBytes(script);
            case MUTATED_PACKETS -> mutatedPackets(script);
            case BAD_REMAINING_LENGTH -> badRemainingLength(script);
            case TRUNCATED_PACKETS -> truncatedPackets(script);
            case WRONG_PROTOCOL -> wrongProtocol(script);
            case MALFORMED_UTF8 -> malformedUtf8(script);
            case MALFORMED_SHARE -> malformedShare(script);
            case SECOND_CONNECT -> secondConnect(script);
            case BEFORE_CONNECT -> beforeConnect(script);
            case HUGE_PUBLISH -> hugePublish(script);
        }
        return script.end(random.nextInt(4) == 0);
    }

    private void randomBytes(FuzzScript.Builder script) {
        if (random.nextBoolean()) {
            connected(script, protocol());
        }
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            byte[] noise = new byte[1 + random.nextInt(600)];
            random.nextBytes(noise);
            script.send("random-bytes", noise);
        }
        script.awaitReply();
    }

    private void mutatedPackets(FuzzScript.Builder script) {
        Protocol protocol = protocol();
        Packet connect = connect(protocol);
        if (random.nextInt(10) < 7) {
            script.send(connect.kind(), connect.bytes()).awaitReply();
        } else {
            script.send(connect.kind(), mutator.mutate(connect.bytes())).awaitReply();
        }
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            Packet packet = anyPacket(protocol);
            if (random.nextInt(10) < 6) {
                script.send(packet.kind(), mutator.mutate(packet.bytes()));
            } else {
                script.send(packet.kind(), packet.bytes());
            }
        }
        script.awaitReply();
    }

    private void badRemainingLength(FuzzScript.Builder script) {
        if (random.nextInt(10) < 6) {
            connected(script, protocol());
        }
        int[] types = {0x10, 0x30, 0x32, 0x82, 0xA2, 0xC0, 0xE0, random.nextInt(256)};
        byte[] length = pick(HostileInputs.BAD_REMAINING_LENGTHS);
        byte[] tail = new byte[random.nextInt(65)];
        random.nextBytes(tail);
        script.send("bad-remaining-length", concat(PacketBuilder.header(types[random.nextInt(types.length)], length), tail))
                .awaitReply();
    }

    private void truncatedPackets(FuzzScript.Builder script) {
        Protocol protocol = protocol();
        Packet connect = connect(protocol);
        if (random.nextInt(10) < 3) {
            script.send(connect.kind(), new PacketMutator.Mutant("truncated", cut(connect.bytes())));
        } else {
            script.send(connect.kind(), connect.bytes()).awaitReply();
        }
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            Packet packet = anyPacket(protocol);
            script.send(packet.kind(), new PacketMutator.Mutant("truncated", cut(packet.bytes())));
            if (random.nextBoolean()) {
                script.hold(50 + random.nextInt(250));
            }
        }
    }

    private void wrongProtocol(FuzzScript.Builder script) {
        HostileInputs.ProtocolVariant variant = pick(HostileInputs.WRONG_PROTOCOLS);
        boolean reservedFlag = random.nextInt(4) == 0;
        int flags = 0x02 | (reservedFlag ? 0x01 : 0);
        script.send("connect-wrong-protocol", PacketBuilder.connect(utf8(variant.name()), variant.level(), flags,
                variant.level() >= 5, utf8(clientId))).awaitReply();
        if (random.nextBoolean()) {
            script.send("subscribe", PacketBuilder.subscribe(Protocol.V311, 1, utf8(topic), 1)).awaitReply();
        }
    }

    private void malformedUtf8(FuzzScript.Builder script) {
        Protocol protocol = protocol();
        byte[] bad = concat(utf8("fuzz/"), pick(HostileInputs.BAD_UTF8).bytes(), utf8("/t"));
        switch (random.nextInt(5)) {
            case 0 -> script.send("connect-bad-utf8-client-id", PacketBuilder.connect(protocol, bad, true));
            case 1 -> script.send("connect-bad-utf8-user-name",
                    PacketBuilder.connectWithUserName(protocol, utf8(clientId), bad));
            case 2 -> connected(script, protocol)
                    .send("publish-bad-utf8-topic",
                            PacketBuilder.publish(protocol, random.nextInt(3), false, bad, 1, utf8("x")));
            case 3 -> connected(script, protocol)
                    .send("subscribe-bad-utf8-filter", PacketBuilder.subscribe(protocol, 1, bad, 1));
            default -> connected(script, protocol)
                    .send("unsubscribe-bad-utf8-filter", PacketBuilder.unsubscribe(protocol, 1, bad));
        }
        script.awaitReply();
    }

    private void malformedShare(FuzzScript.Builder script) {
        Protocol protocol = random.nextInt(5) == 0 ? Protocol.V311 : Protocol.V5;
        connected(script, protocol);
        if (random.nextInt(4) == 0) {
            script.send("subscribe-malformed-filter",
                    PacketBuilder.subscribe(protocol, 1, utf8(pick(HostileInputs.MALFORMED_FILTERS)), 1)).awaitReply();
        }
        script.send("subscribe-malformed-share",
                        PacketBuilder.subscribe(protocol, 2, utf8(pick(HostileInputs.MALFORMED_SHARE_FILTERS)), 1))
                .awaitReply()
                .send("publish-qos1", PacketBuilder.publish(protocol, 1, false, utf8(topic), 3, utf8("after share")))
                .send("pingreq", PacketBuilder.pingreq())
                .awaitReply();
    }

    private void secondConnect(FuzzScript.Builder script) {
        Protocol first = protocol();
        connected(script, first);
        Protocol second = random.nextBoolean() ? first : protocol();
        String secondId = random.nextBoolean() ? clientId : clientId + "-again";
        script.send("connect-second", PacketBuilder.connect(second, utf8(secondId), random.nextBoolean()))
                .awaitReply()
                .send("subscribe", PacketBuilder.subscribe(first, 1, utf8(topic), 1))
                .send("publish-qos1", PacketBuilder.publish(first, 1, false, utf8(topic), 2, utf8("after second connect")))
                .awaitReply();
    }

    private void beforeConnect(FuzzScript.Builder script) {
        Protocol protocol = protocol();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            Packet packet = anyPacketButConnect(protocol);
            script.send(packet.kind(), packet.bytes());
        }
        script.awaitReply();
        if (random.nextBoolean()) {
            connected(script, protocol);
        }
    }

    private void hugePublish(FuzzScript.Builder script) {
        Protocol protocol = protocol();
        connected(script, protocol);
        byte[] topicField = concat(new byte[] {0, (byte) topic.length()}, utf8(topic));
        byte[] partial = new byte[16 * 1024 + random.nextInt(112 * 1024)];
        random.nextBytes(partial);
        int qos = random.nextInt(3);
        byte[] packetId = qos > 0 ? new byte[] {0, 1} : new byte[0];
        script.send("publish-huge-partial", concat(PacketBuilder.header(0x30 | qos << 1,
                        PacketBuilder.varint(TEN_MEGABYTES)), topicField, packetId, partial))
                .hold(100 + random.nextInt(400));
    }

    private FuzzScript.Builder connected(FuzzScript.Builder script, Protocol protocol) {
        Packet connect = connect(protocol);
        return script.send(connect.kind(), connect.bytes()).awaitReply();
    }

    private Packet connect(Protocol protocol) {
        return new Packet("connect-" + protocol.name().toLowerCase(),
                PacketBuilder.connect(protocol, utf8(clientId), random.nextInt(5) > 0));
    }

    private Packet anyPacket(Protocol protocol) {
        return random.nextInt(12) == 0 ? connect(protocol) : anyPacketButConnect(protocol);
    }

    private Packet anyPacketButConnect(Protocol protocol) {
        int packetId = 1 + random.nextInt(65535);
        return switch (random.nextInt(10)) {
            case 0 -> new Packet("subscribe", PacketBuilder.subscribe(protocol, packetId,
                    utf8(random.nextBoolean() ? topic : "fuzz/+/x/#"), random.nextInt(3)));
            case 1 -> new Packet("unsubscribe", PacketBuilder.unsubscribe(protocol, packetId, utf8(topic)));
            case 2, 3, 4 -> {
                int qos = random.nextInt(3);
                byte[] payload = new byte[random.nextInt(200)];
                random.nextBytes(payload);
                yield new Packet("publish-qos" + qos,
                        PacketBuilder.publish(protocol, qos, random.nextInt(8) == 0, utf8(topic), packetId, payload));
            }
            case 5 -> new Packet("puback", PacketBuilder.puback(packetId));
            case 6 -> new Packet("pubrec", PacketBuilder.pubrec(packetId));
            case 7 -> new Packet("pubrel", PacketBuilder.pubrel(packetId));
            case 8 -> new Packet("pingreq", PacketBuilder.pingreq());
            default -> new Packet("disconnect", PacketBuilder.disconnect());
        };
    }

    private byte[] cut(byte[] packet) {
        return Arrays.copyOf(packet, 1 + random.nextInt(Math.max(1, packet.length - 1)));
    }

    private Protocol protocol() {
        return random.nextBoolean() ? Protocol.V311 : Protocol.V5;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
