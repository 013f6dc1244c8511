package io.conops.server.sync;

import io.conops.core.ConopsException;
import io.conops.core.app.ConditionType;
import io.conops.core.port.GitPort;
import io.conops.core.port.GitSource;
import io.conops.core.port.SignatureCheck;
import io.conops.core.port.TrustedSigners;
import io.conops.server.app.AppEntity;
import org.springframework.stereotype.Component;

/**
 * For an app that requires signed commits: the commit to deploy must carry a valid signature by a
 * key the app allows, or the sync stops here, before anything is rendered or touched, with
 * {@code UnsignedCommit} or {@code BadSignature} naming the commit.
 */
@Component
class SignatureGate {
    private final GitPort git;

    SignatureGate(GitPort git) {
        this.git = git;
    }

    void check(AppEntity app, GitSource source, String sha, Transcript t) {
        if (!app.isRequireSignedCommits()) {
            return;
        }
        git.fetch(source, sha);
        SignatureCheck check =
                git.verifySignature(source, sha, new TrustedSigners(app.getAllowedSigners(), app.getGpgPublicKeys()));
        switch (check.verdict()) {
            case VALID -> t.line("signature: " + check.detail());
            case UNSIGNED ->
                throw new ConopsException(
                        ConditionType.UNSIGNED_COMMIT,
                        "commit " + sha + " is not signed, and the app requires signed commits; it was not deployed",
                        null);
            case BAD ->
                throw new ConopsException(
                        ConditionType.BAD_SIGNATURE, "commit " + sha + " was not deployed: " + check.detail(), null);
        }
    }
}
