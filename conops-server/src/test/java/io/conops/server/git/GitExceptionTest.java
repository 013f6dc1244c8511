package io.conops.server.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.app.ConditionType;
import io.conops.server.git.GitException.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of Git failure makes the condition a user can act on hold. */
class GitExceptionTest {

    @ParameterizedTest
    @CsvSource({
        "AUTHENTICATION_FAILED, AUTH_FAILED",
        "INVALID_DEPLOY_KEY, AUTH_FAILED",
        "HOST_KEY_UNKNOWN, HOST_KEY_UNKNOWN",
        "HOST_KEY_CHANGED, HOST_KEY_UNKNOWN",
        "NOT_ALLOWED, REPO_NOT_ALLOWED",
        "REPOSITORY_NOT_FOUND, GIT_UNREACHABLE",
        "BRANCH_NOT_FOUND, GIT_UNREACHABLE",
        "COMMIT_NOT_FOUND, GIT_UNREACHABLE",
        "TIMEOUT, GIT_UNREACHABLE",
        "UNREACHABLE, GIT_UNREACHABLE",
        "FAILED, GIT_UNREACHABLE"
    })
    void eachKindMapsToItsCondition(Kind kind, ConditionType condition) {
        assertThat(new GitException(kind, "x").condition()).isEqualTo(condition);
    }
}
