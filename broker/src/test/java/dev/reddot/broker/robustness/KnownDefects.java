package dev.reddot.broker.robustness;

import java.util.Arrays;
import java.util.Optional;

/**
 * What Moquette 0.18.3 logs under this fuzz that it should not, each a defect that issue 9 asks Reddot to fix
 * ("one client's malformed packet hurts only that client", "no exception escapes into a session event loop").
 * The lines are tolerated so that a run reports all of them with counts instead of stopping at the first; what
 * they do to well-behaved clients is never tolerated: a session loop that dies fails the test through the
 * clients bound to it. Remove an entry once its fix lands, and the test guards against its return.
 */
enum KnownDefects {
    SESSION_COMMAND_FAILED(LogPattern.message("^SessionEventLoop \\{\\}: a session command failed"),
            "a session command throws inside Moquette; Reddot's SessionEventLoop logs it and keeps the loop running "
                    + "(Moquette #957 ended the loop for good), but the failing client gets no answer: seen with "
                    + "SessionCorruptedException from a DISCONNECT processed while the session is still CONNECTING "
                    + "(SessionRegistry.purgeSessionState) and, under -ea, AssertionError in LimitedQuota.releaseSlot "
                    + "for a PUBREL without its PUBLISH (without -ea it silently raises the client's receive quota); "
                    + "the malformed $share filters that threw here are refused by Reddot's front handler"),
    NULL_POINTER_BEFORE_CONNACK(LogPattern.messageAndCause("^Error processing protocol message: ",
            "^java\\.lang\\.NullPointerException$"),
            "a PUBLISH, PUBACK, PUBREC, PUBREL or PUBCOMP sent right after CONNECT, before CONNACK, dereferences the "
                    + "session or quota Moquette has not bound yet (on the Netty thread); the channel is closed, by "
                    + "accident rather than refusal (packets before CONNECT are refused by Reddot's front handler)"),
    PACKETS_BEFORE_CONNACK_DROPPED(LogPattern.message("^Routing collision for action \\["),
            "a PUBACK, PUBLISH or UNSUBSCRIBE sent right after CONNECT, before CONNACK, is routed with no client id "
                    + "and dropped: the pipelining gap of the conformance suite"),
    BUFFER_LEAK(LogPattern.message("^LEAK: "),
            "a few buffers per run are garbage-collected unreleased, last touched in BytesMetricsHandler.channelRead "
                    + "(cause not found yet); the big leak, a QoS 1/2 PUBLISH before CONNECT retained by Moquette and "
                    + "released once, is gone since Reddot's front handler closes such connections"),
    CONNACK_LISTENER_THROWS(LogPattern.message(
            "^(An exception was thrown by io\\.moquette\\.broker\\.MQTTConnection\\$1\\.operationComplete"
                    + "|CONNACK is sent but the session created can't transition in CONNECTED state)"),
            "the CONNACK write listener throws (Moquette #969): a client gone before its CONNACK is written makes "
                    + "SessionRegistry.purgeSessionState throw on the CONNECTING session (and Session.toString throw "
                    + "NullPointerException while building that message)");

    final LogPattern pattern;
    final String why;

    KnownDefects(LogPattern pattern, String why) {
        this.pattern = pattern;
        this.why = why;
    }

    static Optional<KnownDefects> matching(BrokerLogCapture.LogGroup group) {
        return Arrays.stream(values()).filter(defect -> defect.pattern.matches(group)).findFirst();
    }
}
