package dev.reddot.broker.robustness;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.moquette.broker.Server;
import io.netty.util.ResourceLeakDetector;
import org.awaitility.core.ConditionTimeoutException;

import dev.reddot.broker.testing.TestBroker;

/**
 * One fuzz run against a fresh broker: well-behaved clients connect, the campaign attacks while they are
 * checked every few seconds, then the last messages must arrive and fresh clients must get through. Whatever
 * happens, {@link #report()} tells what was done and seen so far.
 */
final class FuzzRun {

    private static final Duration CHECK_EVERY = Duration.ofSeconds(3);
    /** A QoS 1 message counts as lost when it has not arrived this long after the broker acknowledged it. */
    private static final Duration DELIVERY_LAG = Duration.ofSeconds(3);
    /** Longer than Moquette's 5 s resend timer for unacknowledged QoS 1 messages. */
    private static final Duration FINAL_DELIVERY = Duration.ofSeconds(8);

    private final long seed;
    private final List<Attack> attacks;
    private final FuzzCampaign.Budget budget;
    private final Path dataDir;
    private final FuzzStatistics statistics = new FuzzStatistics();
    private final List<String> findings = new ArrayList<>();
    private final List<String> wellBehaved = new ArrayList<>();
    private List<BrokerLogCapture.LogGroup> brokerLog = List.of();
    private SessionLoops loops;
    private List<String> deadSessionLoops = List.of();
    private FuzzCampaign campaign;
    /** How long each phase took, in order: where a minute of wall time goes. */
    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private String phase;
    private long phaseStartedAt;

    FuzzRun(long seed, List<Attack> attacks, FuzzCampaign.Budget budget, Path dataDir) {
        this.seed = seed;
        this.attacks = attacks;
        this.budget = budget;
        this.dataDir = dataDir;
    }

    void execute() throws Exception {
        ResourceLeakDetector.Level leakLevelBefore = ResourceLeakDetector.getLevel();
        // every buffer tracked: one the broker forgets to release under attack is logged as "LEAK:"
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try (BrokerLogCapture capture = BrokerLogCapture.attach("io.moquette", "io.netty")) {
            try {
                againstFreshBroker();
            } finally {
                brokerLog = capture.groups();
                findings.addAll(whatEndedSessionLoops());
            }
        } finally {
            ResourceLeakDetector.setLevel(leakLevelBefore);
        }
    }

    /** What well-behaved clients suffered and what the broker failed to do; empty if it survived unharmed. */
    List<String> findings() {
        return List.copyOf(findings);
    }

    FuzzReport report() {
        return new FuzzReport(seed, attacks, budget, Server.class.desiredAssertionStatus(),
                campaign == null ? Duration.ZERO : campaign.elapsed(), statistics.figures(), wellBehaved,
                loops == null ? List.of() : loops.names(), deadSessionLoops, brokerLog, findings, phases);
    }

    private void againstFreshBroker() throws Exception {
        AtomicReference<TestBroker> started = new AtomicReference<>();
        startPhase("broker start");
        loops = SessionLoops.startedBy(() -> started.set(TestBroker.start(dataDir)));
        startPhase("well-behaved clients connect");
        try (TestBroker broker = started.get(); WellBehavedClients steady = WellBehavedClients.start(broker, loops)) {
            campaign = new FuzzCampaign(new InetSocketAddress("127.0.0.1", broker.port()), seed, attacks, budget,
                    statistics);
            startPhase("attack");
            attackWhileWatching(steady);
            startPhase("last messages arrive");
            steady.stopPublishing();
            awaitFinalDelivery(steady);
            wellBehaved.addAll(steady.summary());
            startPhase("fresh clients");
            // a buffer nobody references any more is reported as a leak only after a collection,
            // at the next tracked allocation: the fresh clients' traffic
            System.gc();
            findings.addAll(prefixed("after the attack: ", FreshClientProbe.run(broker, loops)));
            // now, while the broker runs: stopping it ends every loop
            deadSessionLoops = loops.dead();
            findings.addAll(prefixed("after the attack: dead session loop ", deadSessionLoops));
            startPhase("clients disconnect, broker stops");
        } finally {
            startPhase(null);
        }
    }

    /** The exceptions that ended session loops, so that the assertion message itself tells what happened. */
    private List<String> whatEndedSessionLoops() {
        if (deadSessionLoops.isEmpty()) {
            return List.of();
        }
        return brokerLog.stream()
                .filter(group -> group.pattern().contains("a session command failed"))
                .map(group -> "a session loop was ended by " + group.example() + ", "
                        + String.join(", ", group.stackExcerpt().stream().filter(frame -> frame.contains("io.moquette"))
                        .limit(3).toList()))
                .toList();
    }

    private void startPhase(String next) {
        long now = System.nanoTime();
        if (phase != null) {
            phases.put(phase, Duration.ofNanos(now - phaseStartedAt));
        }
        phase = next;
        phaseStartedAt = now;
    }

    /** Attacks until the budget is spent, checking the well-behaved clients as it goes; stops at the first harm. */
    private void attackWhileWatching(WellBehavedClients steady) throws Exception {
        campaign.start();
        long startedAt = System.nanoTime();
        long nextCheck = startedAt + CHECK_EVERY.toNanos();
        try {
            while (campaign.isRunning()) {
                Thread.sleep(100);
                if (System.nanoTime() >= nextCheck) {
                    nextCheck += CHECK_EVERY.toNanos();
                    String when = String.format(Locale.ROOT, "during the attack, after %.1f s: ",
                            (System.nanoTime() - startedAt) / 1e9);
                    List<String> problems = new ArrayList<>(prefixed(when, steady.problems(DELIVERY_LAG)));
                    problems.addAll(prefixed(when + "dead session loop ", loops.dead()));
                    findings.addAll(problems);
                    if (!problems.isEmpty()) {
                        break;
                    }
                }
            }
        } finally {
            campaign.stop();
        }
        campaign.awaitEnd(Duration.ofSeconds(10));
    }

    private void awaitFinalDelivery(WellBehavedClients steady) {
        try {
            await().atMost(FINAL_DELIVERY).pollInterval(Duration.ofMillis(200))
                    .until(() -> steady.problems(Duration.ZERO).isEmpty());
        } catch (ConditionTimeoutException e) {
            findings.addAll(prefixed("after the attack, " + FINAL_DELIVERY.toSeconds() + " s later: ",
                    steady.problems(Duration.ZERO)));
        }
    }

    private static List<String> prefixed(String prefix, List<String> lines) {
        return lines.stream().map(line -> prefix + line).toList();
    }
}
