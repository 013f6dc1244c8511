package io.conops.server.app;

import io.conops.server.sops.AppAgeKeys;
import org.springframework.stereotype.Component;

/** The apps' write-only {@code age_key}s, decrypted for one render or apply. */
@Component
class StoredAgeKeys implements AppAgeKeys {
    private final AppRepository apps;
    private final StoredCredentials credentials;

    StoredAgeKeys(AppRepository apps, StoredCredentials credentials) {
        this.apps = apps;
        this.credentials = credentials;
    }

    @Override
    public String ageKey(String app) {
        return apps.findByName(app).map(credentials::ageKey).orElse(null);
    }
}
