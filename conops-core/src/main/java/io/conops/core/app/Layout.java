package io.conops.core.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an app's repository describes what runs: a compose file, or homelab-gitops manifests. */
public enum Layout {
    /** The compose file at {@code compose_path}. */
    COMPOSE,
    /** {@code gitops/<host name>/config.yml} and one Quadlet-style {@code manifest.yml} per service. */
    HOMELAB_GITOPS;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Layout fromWire(String value) {
        for (Layout l : values()) {
            if (l.wire().equals(value)) {
                return l;
            }
        }
        throw new IllegalArgumentException("must be one of compose, homelab-gitops");
    }
}
