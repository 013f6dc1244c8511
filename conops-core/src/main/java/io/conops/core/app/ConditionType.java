package io.conops.core.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/** The kinds of fact that can hold for an app; each names one cause a user can act on. */
public enum ConditionType {
    /** The repository cannot be reached or read: network, timeout, missing repository or branch. */
    GIT_UNREACHABLE("GitUnreachable"),
    /** The remote refused the credentials (or they cannot be used). */
    AUTH_FAILED("AuthFailed"),
    /** The SSH host key is not in known_hosts, or changed. */
    HOST_KEY_UNKNOWN("HostKeyUnknown"),
    /** ConOps' settings no longer allow the app's repository (file:// with CONOPS_ALLOW_FILE_REPOS off). */
    REPO_NOT_ALLOWED("RepoNotAllowed"),
    /** The commit does not render to a valid Compose project. */
    INVALID_COMPOSE("InvalidCompose"),
    /** Compose could not apply the project, or the services did not become ready. */
    APPLY_FAILED("ApplyFailed"),
    /** A service keeps exiting after it starts. */
    CRASH_LOOP("CrashLoop"),
    /** The Docker Engine cannot be asked. */
    ENGINE_UNREACHABLE("EngineUnreachable"),
    /** An image can neither be pulled nor found locally. */
    IMAGE_UNAVAILABLE("ImageUnavailable"),
    /** The commit to deploy carries no signature, and the app requires signed commits. */
    UNSIGNED_COMMIT("UnsignedCommit"),
    /** The commit's signature does not verify, or is not by a key the app allows. */
    BAD_SIGNATURE("BadSignature"),
    /** A rollback pinned the app to a commit: new heads are recorded, not deployed, until unpinned. */
    PINNED("Pinned");

    /** The conditions about reaching the repository: they clear together once it answers. */
    public static final Set<ConditionType> GIT =
            Set.copyOf(EnumSet.of(GIT_UNREACHABLE, AUTH_FAILED, HOST_KEY_UNKNOWN, REPO_NOT_ALLOWED));

    /** The conditions about applying a commit: they clear together once one is applied. */
    public static final Set<ConditionType> APPLY = Set.copyOf(
            EnumSet.of(INVALID_COMPOSE, APPLY_FAILED, CRASH_LOOP, IMAGE_UNAVAILABLE, UNSIGNED_COMMIT, BAD_SIGNATURE));

    private final String wire;

    ConditionType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ConditionType fromWire(String text) {
        for (ConditionType t : values()) {
            if (t.wire.equals(text) || t.name().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown condition type: " + text);
    }
}
