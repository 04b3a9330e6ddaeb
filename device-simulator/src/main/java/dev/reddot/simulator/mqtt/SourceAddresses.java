package dev.reddot.simulator.mqtt;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Local addresses for many connections to one loopback broker. Each source address has only the ephemeral
 * ports 32768–60999 (~28,000), so past {@code perAddress} connections they bind 127.0.0.2, 127.0.0.3, …
 * (all of 127.0.0.0/8 is local on Linux). Connections to a remote host are left to the kernel.
 */
public record SourceAddresses(boolean spread, int perAddress) {

    /** Well below the ~28,000 ports of one address, leaving room for everything else on the machine. */
    public static final int DEFAULT_PER_ADDRESS = 20_000;

    public SourceAddresses {
        if (perAddress < 1) {
            throw new IllegalArgumentException("connections per address must be positive: " + perAddress);
        }
    }

    public static SourceAddresses forTarget(MqttUrl target) {
        return new SourceAddresses(target.isLoopback(), DEFAULT_PER_ADDRESS);
    }

    /** The address to bind for the connection with this index, or null to let the kernel choose. */
    public InetAddress forConnection(int index) {
        int block = index / perAddress;
        if (!spread || block == 0) {
            return null;
        }
        if (block > 253) {
            throw new IllegalStateException("more than 254 source addresses needed for connection " + index);
        }
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + block)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address cannot be unknown", e);
        }
    }

    /** How many source addresses {@code connections} connections use. */
    public int addressesFor(int connections) {
        return spread ? Math.max(1, (connections + perAddress - 1) / perAddress) : 1;
    }
}
