package io.conops.ctl;

import io.conops.core.app.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Small formatting rules shared by the views: how a missing value, a commit or a time looks. */
final class Text {
    static final String NONE = "-";

    private Text() {}

    /**
     * One printable line: server text (error messages, commit subjects) may carry newlines or
     * terminal escape sequences, which would break the table or drive the user's terminal.
     */
    static String cell(String s) {
        return s == null || s.isBlank() ? NONE : oneLine(s);
    }

    /** Newlines, tabs and escape characters, with the spaces around them, become one space. */
    static String oneLine(String s) {
        return s.replaceAll("\\s*\\p{Cntrl}[\\p{Cntrl}\\s]*", " ").strip();
    }

    static String shortCommit(String sha) {
        return sha == null || sha.isBlank() ? NONE : sha.substring(0, Math.min(7, sha.length()));
    }

    static String time(Instant t) {
        return t == null ? NONE : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * How long ago, in the largest whole unit: "12s ago", "3m ago", "5h ago", "2d ago". A time
     * ahead of {@code now} (clocks of client and server disagree a little) is "just now".
     */
    static String ago(Instant t, Instant now) {
        if (t == null) {
            return NONE;
        }
        long s = Duration.between(t, now).toSeconds();
        if (s < 1) {
            return "just now";
        }
        if (s < 60) {
            return s + "s ago";
        }
        if (s < 3600) {
            return s / 60 + "m ago";
        }
        if (s < 86_400) {
            return s / 3600 + "h ago";
        }
        return s / 86_400 + "d ago";
    }

    /** The exact time and, for people, how long ago: "2026-03-01T10:15:30Z (3m ago)". */
    static String timeAndAgo(Instant t, Instant now) {
        return t == null ? NONE : time(t) + " (" + ago(t, now) + ")";
    }

    static String took(Instant start, Instant end) {
        if (start == null || end == null) {
            return NONE;
        }
        Duration d = Duration.between(start, end);
        return Durations.format(
                d.compareTo(Duration.ofSeconds(1)) >= 0
                        ? d.truncatedTo(ChronoUnit.SECONDS)
                        : d.truncatedTo(ChronoUnit.MILLIS));
    }

    /** An enum as the server and {@code -o json} spell it; null is a value this CLI does not know. */
    static String wire(Enum<?> value) {
        return value == null ? "unknown" : Json.MAPPER.valueToTree(value).asString();
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
