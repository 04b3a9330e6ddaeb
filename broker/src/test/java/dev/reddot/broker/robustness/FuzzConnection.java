package dev.reddot.broker.robustness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * One raw TCP connection playing its script without ever blocking: a worker thread calls {@link #advance} on
 * many of these in turn. Every wait has a deadline, so a broker that stops reading or answering cannot hang
 * the test.
 */
final class FuzzConnection {

    enum Outcome {
        /** The script ran to its end and the connection was closed by us. */
        SCRIPT_DONE,
        /** The broker closed the connection (end of stream). */
        CLOSED_BY_BROKER,
        /** A read or write failed: the broker had reset or closed the connection. */
        BROKEN_BY_BROKER,
        /** The broker read nothing of a pending write for {@link #WRITE_STALL}. */
        WRITE_STALLED,
        /** The script took longer than {@link #MAX_LIFETIME}. */
        LIFETIME_EXCEEDED,
        /** Cut short because the campaign ended. */
        ABANDONED
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final Duration WRITE_STALL = Duration.ofSeconds(1);
    private static final Duration MAX_LIFETIME = Duration.ofSeconds(5);
    private static final int MAX_READ_PER_ADVANCE = 64 * 1024;

    private enum StepState { DONE, WAITING, STALLED }

    private final SocketChannel channel;
    private final FuzzScript script;
    private final FuzzStatistics statistics;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(8 * 1024);
    private final long openedAt;
    private int stepIndex;
    private long stepStartedAt;
    private long receivedAtStepStart;
    private long received;
    private ByteBuffer pending;
    private long lastWriteProgressAt;

    private FuzzConnection(SocketChannel channel, FuzzScript script, FuzzStatistics statistics, long now) {
        this.channel = channel;
        this.script = script;
        this.statistics = statistics;
        this.openedAt = now;
        this.stepStartedAt = now;
    }

    static FuzzConnection open(InetSocketAddress broker, FuzzScript script, FuzzStatistics statistics)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(broker, CONNECT_TIMEOUT_MILLIS);
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        statistics.opened(script.attack());
        return new FuzzConnection(channel, script, statistics, System.nanoTime());
    }

    /** Does what can be done now without blocking; an outcome once the connection is over (then closed). */
    Optional<Outcome> advance(long now) {
        Outcome outcome = play(now);
        if (outcome != null) {
            close(outcome);
        }
        return Optional.ofNullable(outcome);
    }

    /** Ends the connection early, when the campaign stops. */
    void abandon() {
        close(Outcome.ABANDONED);
    }

    private Outcome play(long now) {
        try {
            if (readReplies()) {
                return Outcome.CLOSED_BY_BROKER;
            }
        } catch (IOException e) {
            statistics.socketError("read: ", e);
            return Outcome.BROKEN_BY_BROKER;
        }
        if (now - openedAt > MAX_LIFETIME.toNanos()) {
            return Outcome.LIFETIME_EXCEEDED;
        }
        while (stepIndex < script.steps().size()) {
            StepState state;
            try {
                state = perform(script.steps().get(stepIndex), now);
            } catch (IOException e) {
                statistics.socketError("write: ", e);
                return Outcome.BROKEN_BY_BROKER;
            }
            if (state == StepState.WAITING) {
                return null;
            }
            if (state == StepState.STALLED) {
                return Outcome.WRITE_STALLED;
            }
            stepIndex++;
            stepStartedAt = now;
            receivedAtStepStart = received;
        }
        return Outcome.SCRIPT_DONE;
    }

    private StepState perform(FuzzScript.Step step, long now) throws IOException {
        if (step instanceof FuzzScript.Send send) {
            return write(send, now);
        }
        if (step instanceof FuzzScript.AwaitReply await) {
            if (received > receivedAtStepStart) {
                return StepState.DONE;
            }
            if (now - stepStartedAt < await.within().toNanos()) {
                return StepState.WAITING;
            }
            statistics.replyMissed();
            return StepState.DONE;
        }
        FuzzScript.Hold hold = (FuzzScript.Hold) step;
        return now - stepStartedAt < hold.time().toNanos() ? StepState.WAITING : StepState.DONE;
    }

    private StepState write(FuzzScript.Send send, long now) throws IOException {
        if (pending == null) {
            pending = ByteBuffer.wrap(send.bytes());
            lastWriteProgressAt = now;
            statistics.sending(script.attack(), send);
        }
        int written = channel.write(pending);
        if (written > 0) {
            statistics.bytesSent(written);
            lastWriteProgressAt = now;
        }
        if (!pending.hasRemaining()) {
            pending = null;
            return StepState.DONE;
        }
        return now - lastWriteProgressAt > WRITE_STALL.toNanos() ? StepState.STALLED : StepState.WAITING;
    }

    /** Reads whatever the broker sent; true once it has closed the stream. */
    private boolean readReplies() throws IOException {
        int total = 0;
        while (total < MAX_READ_PER_ADVANCE) {
            readBuffer.clear();
            int read = channel.read(readBuffer);
            if (read < 0) {
                return true;
            }
            if (read == 0) {
                return false;
            }
            total += read;
            received += read;
            statistics.bytesReceived(read);
        }
        return false;
    }

    private void close(Outcome outcome) {
        statistics.closed(outcome);
        try {
            if (script.resetAtEnd() && outcome == Outcome.SCRIPT_DONE) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            channel.close();
        } catch (IOException e) {
            statistics.socketError("close: ", e);
        }
    }
}
