package io.conops.core.app;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What started a sync. */
public enum Trigger {
    /** A new app's first sync. */
    REGISTER,
    POLL,
    WEBHOOK,
    MANUAL,
    DRIFT,
    STARTUP,
    RETRY,
    /** A moving tag (e.g. {@code :latest}) points at a new digest in its registry while Git stayed put. */
    IMAGE_UPDATE,
    /** A user rolled back to a recorded deployment; the app is pinned to its commit. */
    ROLLBACK;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
