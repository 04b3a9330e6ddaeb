package dev.reddot.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A command that cannot do its work ends with one line saying why and exit code 1; the stack trace goes to the
 * log at DEBUG. Bad option values are usage errors (exit code 2), like picocli's own.
 */
final class FailureHandler implements IExecutionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        if (failure instanceof IllegalArgumentException) {
            commandLine.getErr().println("error: " + failure.getMessage());
            commandLine.getErr().flush();
            return commandLine.getCommandSpec().exitCodeOnInvalidInput();
        }
        log.debug("{} failed", commandLine.getCommandName(), failure);
        commandLine.getErr().println("error: " + (failure.getMessage() != null ? failure.getMessage() : failure));
        commandLine.getErr().flush();
        return FAILED;
    }
}
