package dev.reddot.simulator;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar reddot-simulator.jar}: sensors over MQTT and the benchmark load generator.
 * The device and benchmark subcommands arrive with issue 4; today it only describes itself.
 */
@Command(name = "reddot-simulator", mixinStandardHelpOptions = true, version = "reddot-simulator 0.1.0",
        description = "Simulates MQTT sensor devices and generates load for Reddot benchmarks.")
public final class SimulatorCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
