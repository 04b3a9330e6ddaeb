package dev.reddot.simulator;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the simulator's command line in the test's JVM, as {@code java -jar reddot-simulator.jar} would. */
public final class SimulatorCli {

    private static final Logger log = LoggerFactory.getLogger(SimulatorCli.class);

    /** What a user sees: the exit code, standard output and standard error. */
    public record Result(int exitCode, String out, String err) {
    }

    private SimulatorCli() {
    }

    public static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = SimulatorCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        log.info("reddot-simulator {} -> exit {}\n{}{}", String.join(" ", Arrays.asList(args)), exitCode, out, err);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
