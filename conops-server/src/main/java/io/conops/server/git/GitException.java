package io.conops.server.git;

import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;

/**
 * A Git operation failed; the message is meant for the app's status and never holds a secret.
 * The kind lets callers tell a broken setup (authentication, host key) from a passing one
 * (timeout, unreachable) without parsing text.
 */
public class GitException extends ConopsException {

    public enum Kind {
        REPOSITORY_NOT_FOUND,
        AUTHENTICATION_FAILED,
        HOST_KEY_UNKNOWN,
        HOST_KEY_CHANGED,
        BRANCH_NOT_FOUND,
        COMMIT_NOT_FOUND,
        INVALID_DEPLOY_KEY,
        NOT_ALLOWED,
        TOO_LARGE,
        TIMEOUT,
        UNREACHABLE,
        FAILED
    }

    private final Kind kind;

    public GitException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public GitException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public ConditionType condition() {
        return switch (kind) {
            case AUTHENTICATION_FAILED, INVALID_DEPLOY_KEY -> ConditionType.AUTH_FAILED;
            case HOST_KEY_UNKNOWN, HOST_KEY_CHANGED -> ConditionType.HOST_KEY_UNKNOWN;
            case NOT_ALLOWED, TOO_LARGE -> ConditionType.REPO_NOT_ALLOWED;
            default -> ConditionType.GIT_UNREACHABLE;
        };
    }
}
