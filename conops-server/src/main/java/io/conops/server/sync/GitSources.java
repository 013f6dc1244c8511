package io.conops.server.sync;

import io.conops.core.app.SpecRules;
import io.conops.core.port.GitSource;
import io.conops.server.app.AppEntity;
import io.conops.server.app.StoredCredentials;
import io.conops.server.git.GitException;
import io.conops.server.system.ConopsProperties;
import org.springframework.stereotype.Component;

/** Builds the Git source of an app, with its credentials decrypted in memory only. */
@Component
public class GitSources {
    private final StoredCredentials credentials;
    private final ConopsProperties props;

    public GitSources(StoredCredentials credentials, ConopsProperties props) {
        this.credentials = credentials;
        this.props = props;
    }

    /**
     * The app's source, checked against today's settings: an app registered while file://
     * repositories were allowed stops following its repository once they are not.
     *
     * @throws GitException when the settings no longer allow the app's repository
     */
    public GitSource of(AppEntity app) {
        if (SpecRules.isFileUrl(app.getRepoUrl()) && !props.allowFileRepos()) {
            throw new GitException(
                    GitException.Kind.NOT_ALLOWED,
                    "file:// repositories are disabled (CONOPS_ALLOW_FILE_REPOS=false): this app no longer follows "
                            + app.getRepoUrl() + "; set CONOPS_ALLOW_FILE_REPOS=true or PATCH its repo_url");
        }
        return new GitSource(app.getId().toString(), app.getRepoUrl(), app.getBranch(), credentials.git(app));
    }

    /** The app's source for removing its local clone: no remote is contacted, so no setting or secret applies. */
    public GitSource local(AppEntity app) {
        return new GitSource(app.getId().toString(), app.getRepoUrl(), app.getBranch(), null);
    }
}
