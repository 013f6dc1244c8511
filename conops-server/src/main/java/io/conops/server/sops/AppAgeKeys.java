package io.conops.server.sops;

/** Where an app's own {@code age_key} comes from: the app feature implements it, so sops does not depend on it. */
public interface AppAgeKeys {
    /** The app's age identities as its owner gave them, or null when it has none (or no such app). */
    String ageKey(String app);
}
