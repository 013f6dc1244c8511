package io.conops.core.app;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Health of a service or of an app as a whole, separate from its sync status. */
public enum Health {
    HEALTHY,
    PROGRESSING,
    DEGRADED,
    MISSING,
    UNKNOWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
