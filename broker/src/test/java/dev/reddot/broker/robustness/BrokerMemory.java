package dev.reddot.broker.robustness;

import java.lang.management.ManagementFactory;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

/**
 * What the broker running in this JVM holds: the heap in use after a full collection, plus the memory Netty's
 * allocator has handed out for buffers (where Moquette keeps the payloads of messages it has not finished with).
 */
final class BrokerMemory {

    private static final int COLLECTIONS = 3;

    private BrokerMemory() {
    }

    static long usedBytes() {
        for (int i = 0; i < COLLECTIONS; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long buffers = ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider
                ? provider.metric().usedDirectMemory() : 0;
        return heap + buffers;
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
