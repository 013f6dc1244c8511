package io.conops.core.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How ConOps authenticates to an app's Git repository. */
public enum RepoAuthMethod {
    PUBLIC,
    DEPLOY_KEY,
    TOKEN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RepoAuthMethod fromWire(String value) {
        for (RepoAuthMethod m : values()) {
            if (m.wire().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be one of public, deploy_key, token");
    }
}
