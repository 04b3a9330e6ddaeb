package dev.reddot.broker.robustness;

import java.util.Arrays;
import java.util.Optional;

/**
 * Broker log lines at WARN or ERROR that accompany the right outcome: the offending connection alone is refused
 * or closed, or a client went away. Some are louder than they should be, but none is harm to another client.
 * (Malformed packets are refused by Reddot's ProtocolGuard with one INFO line; Moquette's ERROR for each is gone.)
 */
enum ExpectedLogLines {
    CLIENT_WENT_AWAY(LogPattern.messageAndCause("(" + LogPattern.CHANNEL_CLOSED_ON_EXCEPTION
                    + "|^CONNACK send failed, cleanup session and close the connection"
                    + "|^An exceptionCaught\\(\\) event was fired, and it reached at the tail of the pipeline)",
            "^(java\\.net\\.SocketException|java\\.io\\.IOException|io\\.netty\\.channel\\.StacklessClosedChannelException"
                    + "( > java\\.io\\.IOException)?)$"),
            "a client reset or closed its connection while the broker read or wrote (logged at ERROR, where a "
                    + "normal disconnect deserves DEBUG)"),
    IDLE_CONNECTION_CLOSED(LogPattern.message("^Close channel because it's inactive, passed keep alive"),
            "a connection that never completes its CONNECT is closed after the idle timeout"),
    INVALID_FILTER_REFUSED(LogPattern.message("^(Error parsing the topic: |Topic filter is not valid[ .])"),
            "a SUBSCRIBE to an invalid filter is answered with SUBACK failure 0x80"),
    UNMATCHED_ACKNOWLEDGEMENT_IGNORED(LogPattern.message("^Received a PUB(ACK|REC|COMP) with not matching packetId"),
            "an acknowledgement of a packet id the broker never sent is ignored"),
    SUBSCRIBE_BEFORE_CONNECT_REFUSED(LogPattern.message("^SUBSCRIBE received on already closed connection"),
            "a SUBSCRIBE before CONNECT closes the connection [MQTT-3.1.0-1]; the same line marks a SUBSCRIBE "
                    + "pipelined right after CONNECT being dropped (issue 9, third row), which the conformance suite "
                    + "checks; here the fuzz cannot tell the two apart");

    final LogPattern pattern;
    final String why;

    ExpectedLogLines(LogPattern pattern, String why) {
        this.pattern = pattern;
        this.why = why;
    }

    static Optional<ExpectedLogLines> matching(BrokerLogCapture.LogGroup group) {
        return Arrays.stream(values()).filter(line -> line.pattern.matches(group)).findFirst();
    }
}
