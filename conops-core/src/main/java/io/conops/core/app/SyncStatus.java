package io.conops.core.app;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an app stands in the loop: registered → pending → syncing → synced | error. */
public enum SyncStatus {
    REGISTERED,
    PENDING,
    SYNCING,
    SYNCED,
    ERROR;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
