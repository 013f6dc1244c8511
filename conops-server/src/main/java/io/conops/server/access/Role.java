package io.conops.server.access;

import java.util.Locale;

/** What a token may do: each role may do all that the roles after it may. */
public enum Role {
    /** Everything, including apps' specs and credentials, tokens and the audit trail. */
    ADMIN,
    /** Read and sync; no registering, changing or deleting apps, no tokens. */
    OPERATOR,
    /** Read only. */
    VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority: {@code ROLE_ADMIN}, ... */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role of a wire name, or null when there is none. */
    public static Role ofWire(String wire) {
        for (Role r : values()) {
            if (r.wire().equals(wire)) {
                return r;
            }
        }
        return null;
    }

    public boolean mayChangeApps() {
        return this == ADMIN;
    }

    public boolean maySync() {
        return this != VIEWER;
    }
}
