package dev.reddot.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The resident set size of a process, from {@code /proc/PID/status} (Linux). */
final class ProcessMemory {

    private static final Logger log = LoggerFactory.getLogger(ProcessMemory.class);

    private ProcessMemory() {
    }

    /** VmRSS in KiB, or empty when the process or /proc cannot be read. */
    static OptionalLong rssKib(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            return Files.readAllLines(status).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst();
        } catch (IOException e) {
            log.warn("cannot read the memory of process {}: {}", pid, e.toString());
            return OptionalLong.empty();
        }
    }

    /** The soft limit on open files of this process, or empty when unknown. */
    static OptionalLong openFilesLimit() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream()
                    .filter(line -> line.startsWith("Max open files"))
                    .map(line -> line.substring("Max open files".length()).trim().split("\\s+")[0])
                    .filter(limit -> limit.matches("\\d+"))
                    .mapToLong(Long::parseLong)
                    .findFirst();
        } catch (IOException e) {
            log.debug("cannot read /proc/self/limits: {}", e.toString());
            return OptionalLong.empty();
        }
    }
}
