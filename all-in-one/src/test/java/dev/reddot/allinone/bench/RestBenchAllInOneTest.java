package dev.reddot.allinone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reddot.allinone.RunningAllInOne;
import dev.reddot.simulator.SimulatorCommand;

/** The simulator's {@code bench rest} against a real all-in-one: a sweep of two small rates loses nothing. */
class RestBenchAllInOneTest {

    @TempDir
    Path dataDir;

    @Test
    void sweepsTheOfferedRatesAndEveryStreamEndsOnItsLatestCount() {
        try (RunningAllInOne reddot = new RunningAllInOne(dataDir).start()) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int exitCode = SimulatorCommand.commandLine().setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .execute("bench", "rest", "--url", reddot.http(""), "--mqtt-url", reddot.mqttUrl(),
                            "--users", "50", "--rates", "50,100", "--step-duration", "2s", "--warmup", "1s",
                            "--connections", "4", "--grace", "5s", "--broker-messages", "500",
                            // the machine may be busy: no bend may cut the sweep short, what matters is the loss
                            "--min-achieved", "0", "--max-p99", "60s");

            assertThat(exitCode).as(err.toString()).isZero();
            assertThat(out.toString())
                    .contains("50 users streaming", "offered/s", "achieved/s", "event-p99", "coalesced")
                    .containsPattern("(?m)^\\s+50\\s+\\d+(\\.\\d+)?\\s+(\\S+\\s+){4}100\\s+0\\s+\\d+\\s+0\\s+0$")
                    .containsPattern("(?m)^\\s+100\\s+\\d+(\\.\\d+)?\\s+(\\S+\\s+){4}200\\s+0\\s+\\d+\\s+0\\s+0$")
                    .contains("did not bend up to 100/s")
                    .containsPattern("lost\\s+0\\s")
                    .containsPattern("errors\\s+0\\s")
                    .containsPattern("broker-qos1-throughput\\s+\\d+")
                    .containsPattern("rest-to-broker\\s+\\d+(\\.\\d+)?\\s");
        }
    }
}
