package dev.reddot.simulator.bench;

import java.util.concurrent.ThreadLocalRandom;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks and names shared by the benchmark commands. */
final class BenchArguments {

    private BenchArguments() {
    }

    static void require(CommandSpec spec, boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** A short random id that keeps this run's topics and client ids apart from any other run's. */
    static String runId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    }
}
