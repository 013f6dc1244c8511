package io.conops.server.sync;

import io.conops.core.port.GitSource;
import io.conops.server.app.AppEntity;
import io.conops.server.app.StoredCredentials;
import org.springframework.stereotype.Component;

/** Builds the Git source of an app, with its credentials decrypted in memory only. */
@Component
public class GitSources {
    private final StoredCredentials credentials;

    public GitSources(StoredCredentials credentials) {
        this.credentials = credentials;
    }

    public GitSource of(AppEntity app) {
        return new GitSource(app.getId().toString(), app.getRepoUrl(), app.getBranch(), credentials.git(app));
    }
}
