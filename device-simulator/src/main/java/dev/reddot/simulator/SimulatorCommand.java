package dev.reddot.simulator;

import java.time.Duration;

import dev.reddot.simulator.bench.BenchCommand;
import dev.reddot.simulator.run.RunCommand;
import dev.reddot.simulator.token.TokenCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar reddot-simulator.jar}: sensors over MQTT ({@code run}), the benchmarks ({@code bench}) and tokens for
 * token mode ({@code token}).
 */
@Command(name = "reddot-simulator", mixinStandardHelpOptions = true, version = "reddot-simulator 0.1.0",
        subcommands = {RunCommand.class, BenchCommand.class, TokenCommand.class},
        description = "Simulates MQTT sensor devices and generates load for Reddot benchmarks.")
public final class SimulatorCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its converters and error handling, as {@code main} runs it (and tests do). */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SimulatorCommand());
        commandLine.registerConverter(Duration.class, new DurationConverter());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
