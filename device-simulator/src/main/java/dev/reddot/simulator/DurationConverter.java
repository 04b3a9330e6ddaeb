package dev.reddot.simulator;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1.5s}, or ISO {@code PT30S}. */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        String text = value.trim();
        if (text.toUpperCase().startsWith("PT")) {
            return Duration.parse(text);
        }
        Matcher matcher = SIMPLE.matcher(text);
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 500ms, 2m or 1h");
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }
}
