package dev.reddot.broker.robustness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Everything the broker (Moquette and Netty) logs at WARN or ERROR while attached, grouped by message pattern
 * and exception, with the first occurrence of each group kept as evidence.
 */
final class BrokerLogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /**
     * The lines that share a level, logger, message pattern and exception chain.
     *
     * @param cause        the exception chain by class, outermost first (empty if none)
     * @param example      the first line, formatted, with its root cause's message
     * @param stackExcerpt the first frames of the first line's root cause
     */
    record LogGroup(String level, String logger, String pattern, String cause, long count, Duration firstAfter,
                    String thread, String example, List<String> stackExcerpt) {
    }

    private static final int STACK_EXCERPT_FRAMES = 8;
    private static final int MESSAGE_DETAIL_LINES = 12;

    /** A group's count and its first line. */
    private record Tally(AtomicLong count, LogGroup first) {
    }

    private record Setting(Level level, boolean additive) {
    }

    private final Map<String, Tally> groups = new ConcurrentHashMap<>();
    private final Map<Logger, Setting> settingsBefore = new LinkedHashMap<>();
    private final long attachedAt = System.nanoTime();

    private BrokerLogCapture() {
    }

    /**
     * Attaches to these loggers, lowering them to WARN if they are set above it. Their lines go only here while
     * attached: thousands of stack traces of refused packets would bury the console, the report groups them.
     */
    static BrokerLogCapture attach(String... loggerNames) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("Logback is not the SLF4J binding: " + LoggerFactory.getILoggerFactory());
        }
        BrokerLogCapture capture = new BrokerLogCapture();
        capture.setContext(context);
        capture.setName("fuzz-broker-log");
        capture.start();
        for (String name : loggerNames) {
            Logger logger = context.getLogger(name);
            capture.settingsBefore.put(logger, new Setting(logger.getLevel(), logger.isAdditive()));
            if (logger.getEffectiveLevel().levelInt > Level.WARN_INT) {
                logger.setLevel(Level.WARN);
            }
            logger.setAdditive(false);
            logger.addAppender(capture);
        }
        return capture;
    }

    List<LogGroup> groups() {
        List<LogGroup> all = new ArrayList<>();
        groups.values().forEach(tally -> all.add(withCount(tally.first(), tally.count().get())));
        all.sort(Comparator.comparingLong(LogGroup::count).reversed());
        return all;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return;
        }
        String cause = chain(event.getThrowableProxy());
        String pattern = firstLine(event.getMessage());
        String key = event.getLevel() + "|" + event.getLoggerName() + "|" + pattern + "|" + cause;
        groups.computeIfAbsent(key, k -> new Tally(new AtomicLong(), firstOf(event, pattern, cause))).count()
                .incrementAndGet();
    }

    @Override
    public void close() {
        settingsBefore.forEach((logger, setting) -> {
            logger.detachAppender(this);
            logger.setLevel(setting.level());
            logger.setAdditive(setting.additive());
        });
        stop();
    }

    private LogGroup firstOf(ILoggingEvent event, String pattern, String cause) {
        IThrowableProxy root = root(event.getThrowableProxy());
        String example = headline(event.getFormattedMessage())
                + (root == null ? "" : " | root cause " + root.getClassName() + ": " + root.getMessage());
        List<String> frames = root == null ? List.of() : Arrays.stream(root.getStackTraceElementProxyArray())
                .limit(STACK_EXCERPT_FRAMES).map(StackTraceElementProxy::getSTEAsString).toList();
        return new LogGroup(event.getLevel().toString(), event.getLoggerName(), pattern, cause, 0,
                Duration.ofNanos(System.nanoTime() - attachedAt), event.getThreadName(), example, frames);
    }

    /**
     * The first line of a message and, for multi-line ones such as Netty's LEAK records, the lines that name
     * MQTT code: where the leaked buffer was made and last touched.
     */
    private static String headline(String message) {
        List<String> lines = message.lines().toList();
        if (lines.size() <= 1) {
            return message;
        }
        List<String> mqttLines = lines.stream().skip(1).map(String::strip)
                .filter(line -> line.contains("moquette") || line.contains(".mqtt.") || line.startsWith("Created at"))
                .distinct().limit(MESSAGE_DETAIL_LINES).toList();
        return lines.get(0) + (mqttLines.isEmpty() ? "" : " | " + String.join(" | ", mqttLines));
    }

    private static LogGroup withCount(LogGroup group, long count) {
        return new LogGroup(group.level(), group.logger(), group.pattern(), group.cause(), count, group.firstAfter(),
                group.thread(), group.example(), group.stackExcerpt());
    }

    /** Netty writes its leak records into the message itself: the first line is what the lines share. */
    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String chain(IThrowableProxy throwable) {
        List<String> classes = new ArrayList<>();
        for (IThrowableProxy t = throwable; t != null && classes.size() < 10; t = t.getCause()) {
            classes.add(t.getClassName());
        }
        return String.join(" > ", classes);
    }

    private static IThrowableProxy root(IThrowableProxy throwable) {
        IThrowableProxy root = throwable;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
