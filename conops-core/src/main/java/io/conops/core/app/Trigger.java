package io.conops.core.app;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What started a sync. */
public enum Trigger {
    POLL,
    WEBHOOK,
    MANUAL,
    DRIFT,
    STARTUP,
    RETRY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
