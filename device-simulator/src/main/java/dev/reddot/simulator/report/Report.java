package dev.reddot.simulator.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A titled table of figures, printed aligned: name, value, unit. One figure per line keeps it easy to read and to
 * pick apart in a script ({@code awk '$1 == "lost" {print $2}'}).
 */
public final class Report {

    /** One line of the table; names are single words so that scripts can split on blanks. */
    public record Row(String name, String value, String unit) {
        public Row {
            if (name.isBlank() || name.contains(" ")) {
                throw new IllegalArgumentException("a figure name is one word: '" + name + "'");
            }
        }
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();

    private Report(String title) {
        this.title = title;
    }

    public static Report titled(String title) {
        return new Report(title);
    }

    public Report row(String name, long value, String unit) {
        return row(name, Long.toString(value), unit);
    }

    public Report row(String name, double value, String unit) {
        return row(name, number(value), unit);
    }

    public Report row(String name, String value, String unit) {
        rows.add(new Row(name, value, unit));
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The value of a figure, as printed. */
    public String value(String name) {
        return rows.stream().filter(row -> row.name().equals(name)).map(Row::value).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure named " + name));
    }

    public void print(PrintWriter out) {
        int nameWidth = rows.stream().mapToInt(row -> row.name().length()).max().orElse(0);
        int valueWidth = rows.stream().mapToInt(row -> row.value().length()).max().orElse(0);
        out.println(title);
        for (Row row : rows) {
            String line = String.format(Locale.ROOT, "  %-" + nameWidth + "s  %" + valueWidth + "s  %s",
                    row.name(), row.value(), row.unit());
            out.println(line.stripTrailing());
        }
        out.flush();
    }

    /** Whole numbers as such, others with three significant digits or so, never scientific: 5, 0.123, 12.3, 1234. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
