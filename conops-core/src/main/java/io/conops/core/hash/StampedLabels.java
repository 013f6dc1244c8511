package io.conops.core.hash;

import java.util.Set;

/**
 * The labels ConOps stamps on every service through its generated override file. They are left out
 * of the hash, so stamping the hash does not change the hash.
 */
public final class StampedLabels {
    public static final String APP = "conops.app";
    public static final String COMMIT = "conops.commit";
    public static final String CONFIG_HASH = "conops.config-hash";
    public static final Set<String> ALL = Set.of(APP, COMMIT, CONFIG_HASH);

    private StampedLabels() {}
}
