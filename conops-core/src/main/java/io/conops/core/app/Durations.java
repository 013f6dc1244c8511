package io.conops.core.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the "30s", "5m", "1h30m", "250ms" durations users write. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /** Parses "30s", "1m30s", "2h", "500ms" or ISO-8601 ("PT30S"). */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 5m or 1h");
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is too large");
            }
            try {
                total = total.plus(part(n, m.group(2)));
            } catch (ArithmeticException e) {
                // a count that fits a long can still overflow Duration's seconds once scaled or added up
                throw new IllegalArgumentException("'" + text + "' is too large");
            }
            end = m.end();
        }
        if (end != t.length() || end == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 5m or 1h");
        }
        return total;
    }

    private static Duration part(long n, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The shortest of "30s", "5m", "1h30m", "250ms" that says the same. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long days = d.toDays();
        if (days > 0) sb.append(days).append('d');
        if (d.toHoursPart() > 0) sb.append(d.toHoursPart()).append('h');
        if (d.toMinutesPart() > 0) sb.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0) sb.append(d.toSecondsPart()).append('s');
        if (d.toMillisPart() > 0) sb.append(d.toMillisPart()).append("ms");
        return sb.toString();
    }
}
