package dev.reddot.broker.conformance;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Every check of the suite, in the order of the table. */
final class ConformanceChecks {

    private ConformanceChecks() {
    }

    static List<Check> all() {
        List<Check> checks = Stream.of(
                        ConnackChecks.all(),
                        PipeliningChecks.all(),
                        RetainedChecks.all(),
                        CommandLineChecks.all(),
                        OfflineQueueChecks.all(),
                        RestartChecks.all(),
                        SessionExpiryChecks.all(),
                        WillChecks.all(),
                        KeepAliveChecks.all(),
                        PacketSizeChecks.all(),
                        TopicAliasChecks.all(),
                        SubscriptionChecks.all(),
                        SharedSubscriptionChecks.all(),
                        DollarTopicChecks.all(),
                        FlowControlChecks.all(),
                        AuthorizationChecks.all(),
                        TransportChecks.all(),
                        ServingChecks.all())
                .flatMap(List::stream)
                .toList();
        Set<String> names = new HashSet<>();
        checks.forEach(check -> {
            if (!names.add(check.behaviour())) {
                throw new IllegalStateException("Two checks are named " + check.behaviour());
            }
        });
        return checks;
    }
}
