package io.conops.server.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A moment as a person reads it at a glance ("3 min ago"), and exactly (for the hover title). */
public final class Ago {
    private static final DateTimeFormatter EXACT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Ago() {}

    public static String relative(Instant at, Instant now) {
        if (at == null) {
            return "never";
        }
        long s = Math.max(0, Duration.between(at, now).getSeconds());
        if (s < 10) return "just now";
        if (s < 60) return s + " s ago";
        if (s < 3600) return s / 60 + " min ago";
        if (s < 86_400) return s / 3600 + " h ago";
        return s / 86_400 + " d ago";
    }

    public static String exact(Instant at) {
        return at == null ? "" : EXACT.format(at);
    }

    public static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }
}
