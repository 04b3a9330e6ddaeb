package dev.reddot.simulator.mqtt;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Local addresses for many connections to one loopback broker. Each source address has only the ephemeral ports
 * 32768–60999 (~28,000) towards one broker port, so every {@code perAddress} connections move on to the next
 * address: 127.0.0.1, then 127.0.0.2, … (all of 127.0.0.0/8 is local on Linux). Several load generator processes
 * start at different addresses ({@code firstOctet}) so that they do not share ports. Connections to a remote host
 * are left to the kernel.
 *
 * @param spread     false: never bind, let the kernel choose
 * @param perAddress connections per source address
 * @param firstOctet the last octet of the first address, 1 for 127.0.0.1
 */
public record SourceAddresses(boolean spread, int perAddress, int firstOctet) {

    /** Well below the ~28,000 ports of one address, leaving room for everything else on the machine. */
    public static final int DEFAULT_PER_ADDRESS = 20_000;

    public SourceAddresses {
        if (perAddress < 1) {
            throw new IllegalArgumentException("connections per source address must be positive: " + perAddress);
        }
        if (firstOctet < 1 || firstOctet > 254) {
            throw new IllegalArgumentException("the first source address must be 127.0.0.1 … 127.0.0.254");
        }
    }

    /** From 127.0.0.1, 20,000 connections each, when the target is a loopback address. */
    public static SourceAddresses forTarget(MqttUrl target) {
        return new SourceAddresses(target.isLoopback(), DEFAULT_PER_ADDRESS, 1);
    }

    /** From the given loopback address (127.0.0.x), when the target is a loopback address. */
    public static SourceAddresses forTarget(MqttUrl target, String firstAddress, int perAddress) {
        return new SourceAddresses(target.isLoopback(), perAddress, octetOf(firstAddress));
    }

    /** The address to bind for the connection with this index, or null to let the kernel choose. */
    public InetAddress forConnection(int index) {
        int octet = firstOctet + index / perAddress;
        if (!spread || octet == 1) {
            return null;
        }
        if (octet > 254) {
            throw new IllegalStateException("connection " + index + " would need a source address beyond 127.0.0.254");
        }
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) octet});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address cannot be unknown", e);
        }
    }

    /** How many source addresses {@code connections} connections use. */
    public int addressesFor(int connections) {
        return spread ? Math.max(1, (connections + perAddress - 1) / perAddress) : 1;
    }

    private static int octetOf(String address) {
        String[] parts = address.split("\\.");
        if (parts.length != 4 || !parts[0].equals("127") || !parts[1].equals("0") || !parts[2].equals("0")
                || !parts[3].matches("\\d{1,3}")) {
            throw new IllegalArgumentException("a source address must be 127.0.0.x, not " + address);
        }
        return Integer.parseInt(parts[3]);
    }
}
