package io.conops.core.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an app runs: a Compose project ({@code docker compose up}) or a Swarm stack ({@code docker stack deploy}). */
public enum Target {
    COMPOSE,
    SWARM;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Target fromWire(String value) {
        for (Target t : values()) {
            if (t.wire().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("must be one of compose, swarm");
    }
}
