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
                    + "StringIndexOutOfBoundsException for SUBSCRIBE $share/g (#958), NullPointerException in "
                    + "Topic.headToken for $share/g/ and $share/g/t/#/x, SessionCorruptedException from a DISCONNECT "
                    + "processed while the session is still CONNECTING (SessionRegistry.purgeSessionState), and, "
                    + "under -ea, AssertionError in LimitedQuota.releaseSlot for a PUBREL without its PUBLISH"),
    NULL_POINTER_BEFORE_CONNECT(LogPattern.messageAndCause("^Error processing protocol message: ",
            "^java\\.lang\\.NullPointerException$"),
            "PUBLISH, PUBACK, PUBREC, PUBREL or PUBCOMP before CONNECT dereference a null session or quota in "
                    + "MQTTConnection on the Netty thread; the channel is closed, by accident rather than refusal"),
    PACKETS_BEFORE_CONNECT_DROPPED(LogPattern.message("^Routing collision for action \\["),
            "PUBLISH QoS 0/1/2, PUBACK and UNSUBSCRIBE before CONNECT are routed with a null client id and dropped; "
                    + "the connection stays open, where [MQTT-3.1.0-1] requires closing it"),
    BUFFER_LEAK(LogPattern.message("^LEAK: "),
            "a QoS 1/2 PUBLISH before CONNECT leaks its buffer: MQTTConnection.processPublish retains the message, "
                    + "then receivedQuota.hasFreeSlots() throws NullPointerException, and channelRead releases it "
                    + "only once (last access: MqttPublishMessage.release <- NewNettyMQTTHandler.channelRead); "
                    + "a client can pin the broker's direct memory at will"),
    CONNACK_LISTENER_THROWS(LogPattern.message(
            "^(An exception was thrown by io\\.moquette\\.broker\\.MQTTConnection\\$1\\.operationComplete"
                    + "|CONNACK is sent but the session created can't transition in CONNECTED state)"),
            "the CONNACK write listener throws: a second CONNECT on a connected channel is processed as a new "
                    + "connection instead of closing it (Moquette #969), giving SessionCorruptedException or "
                    + "IllegalArgumentException 'Duplicate handler name: inflightResender'; a client gone before its "
                    + "CONNACK is written makes SessionRegistry.purgeSessionState throw on the CONNECTING session "
                    + "(and Session.toString throw NullPointerException while building that message)"),
    SERVER_PACKET_FROM_CLIENT_IGNORED(LogPattern.message("^Unknown MessageType: "),
            "AUTH, or a packet only a server sends (CONNACK, SUBACK, UNSUBACK, PINGRESP), from a client is logged "
                    + "and ignored; the connection stays open although it is a protocol error"),
    SUBACK_FROM_CLIENT_NULL_POINTER(LogPattern.messageAndCause(LogPattern.CHANNEL_CLOSED_ON_EXCEPTION,
            "^java\\.lang\\.NullPointerException$"),
            "a SUBACK sent by a client makes Moquette's MQTTMessageLogger throw NullPointerException "
                    + "(MqttSubAckPayload.grantedQoSLevels) before the packet is even looked at");

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
