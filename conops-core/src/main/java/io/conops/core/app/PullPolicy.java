package io.conops.core.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * When a sync pulls an app's images: {@code always} on every deploy, {@code missing} only those
 * not present on the engine (and tags that moved, with image_updates), {@code never} (an image
 * that is not present fails the sync by name). DockerOps' {@code ifnotpresent} reads as missing.
 */
public enum PullPolicy {
    ALWAYS,
    MISSING,
    NEVER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy a user wrote; null when it is none of them. */
    public static PullPolicy parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("ifnotpresent") || v.equals("if_not_present")) {
            return MISSING;
        }
        for (PullPolicy p : values()) {
            if (p.wire().equals(v)) {
                return p;
            }
        }
        return null;
    }

    @JsonCreator
    public static PullPolicy fromWire(String value) {
        PullPolicy p = parse(value);
        if (p == null) {
            throw new IllegalArgumentException("must be one of always, missing, never (ifnotpresent)");
        }
        return p;
    }
}
