package dev.reddot.broker.conformance;

import java.util.List;

/** What a user sees with {@code mosquitto_pub}/{@code mosquitto_sub}: retained messages set, read and cleared. */
final class CommandLineChecks {

    private CommandLineChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("mosquitto_pub -r, then mosquitto_sub (MQTT 3.1.1) reads the retained message",
                        CommandLineChecks::retainedRead),
                new Check("mosquitto_pub -r -n clears it: mosquitto_sub --retained-only (MQTT 5) then reads nothing",
                        CommandLineChecks::retainedCleared));
    }

    private static Verdict retainedRead(BrokerUnderTest broker) throws Exception {
        if (!MosquittoCli.installed()) {
            return Verdict.notApplicable("mosquitto_pub/mosquitto_sub not installed");
        }
        String topic = Names.topic() + "/cli";
        try {
            expectSuccess(MosquittoCli.pub(broker, "-V", "mqttv311", "-q", "1", "-r", "-t", topic, "-m", "from-cli"));
            MosquittoCli.Run read = MosquittoCli.sub(broker, "-V", "mqttv311", "-q", "1", "-t", topic, "-C", "1", "-W", "3", "-v");
            return read.output().equals(topic + " from-cli") ? Verdict.pass("read: " + read.output())
                    : Verdict.fail("mosquitto_sub exited " + read.exitCode() + ": " + read.output());
        } finally {
            MosquittoCli.pub(broker, "-q", "1", "-r", "-n", "-t", topic);
        }
    }

    private static Verdict retainedCleared(BrokerUnderTest broker) throws Exception {
        if (!MosquittoCli.installed()) {
            return Verdict.notApplicable("mosquitto_pub/mosquitto_sub not installed");
        }
        String topic = Names.topic() + "/cli";
        expectSuccess(MosquittoCli.pub(broker, "-V", "mqttv5", "-q", "1", "-r", "-t", topic, "-m", "to-clear"));
        MosquittoCli.Run before = MosquittoCli.sub(broker, "-V", "mqttv5", "-t", topic, "--retained-only", "-C", "1", "-W", "3");
        CheckFailure.unless(before.output().equals("to-clear"), "before clearing, mosquitto_sub read: " + before.output());
        expectSuccess(MosquittoCli.pub(broker, "-V", "mqttv5", "-q", "1", "-r", "-n", "-t", topic));
        MosquittoCli.Run after = MosquittoCli.sub(broker, "-V", "mqttv5", "-t", topic, "--retained-only", "-W", "1");
        return after.output().contains("to-clear") ? Verdict.fail("still retained: " + after.output())
                : Verdict.pass("nothing retained after -n (" + after.output() + ")");
    }

    private static void expectSuccess(MosquittoCli.Run run) {
        CheckFailure.unless(run.exitCode() == 0, "mosquitto_pub exited " + run.exitCode() + ": " + run.output());
    }
}
