package dev.reddot.broker.robustness;

import java.util.Arrays;
import java.util.Random;

/** Damages a valid packet the way a broken or hostile client would: flipped bits, cut or padded bodies, lying lengths. */
final class PacketMutator {

    /** A damaged packet and the name of the damage, for the statistics. */
    record Mutant(String mutation, byte[] bytes) {
    }

    private final Random random;

    PacketMutator(Random random) {
        this.random = random;
    }

    Mutant mutate(byte[] packet) {
        return switch (random.nextInt(7)) {
            case 0 -> new Mutant("bit-flips", flipBits(packet));
            case 1 -> new Mutant("truncated", Arrays.copyOf(packet, 1 + random.nextInt(Math.max(1, packet.length - 1))));
            case 2 -> new Mutant("remaining-length-changed", withRemainingLength(packet, otherLength(packet)));
            case 3 -> new Mutant("bytes-inserted", inserted(packet));
            case 4 -> new Mutant("bytes-deleted", deleted(packet));
            case 5 -> new Mutant("first-byte-changed", withFirstByte(packet));
            default -> new Mutant("tail-duplicated", PacketBuilder.concat(packet,
                    Arrays.copyOfRange(packet, random.nextInt(packet.length), packet.length)));
        };
    }

    private byte[] flipBits(byte[] packet) {
        byte[] copy = packet.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private long otherLength(byte[] packet) {
        int actual = packet.length - PacketBuilder.bodyOffset(packet);
        return switch (random.nextInt(4)) {
            case 0 -> Math.max(0, actual - 1 - random.nextInt(16));
            case 1 -> actual + 1 + random.nextInt(16);
            case 2 -> 0;
            default -> random.nextInt(1 << 21);
        };
    }

    private static byte[] withRemainingLength(byte[] packet, long length) {
        byte[] body = Arrays.copyOfRange(packet, PacketBuilder.bodyOffset(packet), packet.length);
        return PacketBuilder.concat(PacketBuilder.header(packet[0], PacketBuilder.varint(length)), body);
    }

    private byte[] inserted(byte[] packet) {
        int at = random.nextInt(packet.length + 1);
        byte[] noise = new byte[1 + random.nextInt(32)];
        random.nextBytes(noise);
        return PacketBuilder.concat(Arrays.copyOfRange(packet, 0, at), noise,
                Arrays.copyOfRange(packet, at, packet.length));
    }

    private byte[] deleted(byte[] packet) {
        int from = random.nextInt(packet.length);
        int to = Math.min(packet.length, from + 1 + random.nextInt(8));
        return PacketBuilder.concat(Arrays.copyOfRange(packet, 0, from), Arrays.copyOfRange(packet, to, packet.length));
    }

    /** Reserved packet types (0, 15) and flag bits the spec fixes for each type. */
    private byte[] withFirstByte(byte[] packet) {
        byte[] copy = packet.clone();
        copy[0] = switch (random.nextInt(3)) {
            case 0 -> (byte) (copy[0] & 0xF0 | random.nextInt(16));
            case 1 -> (byte) (random.nextBoolean() ? 0x00 : 0xF0);
            default -> (byte) random.nextInt(256);
        };
        return copy;
    }
}
