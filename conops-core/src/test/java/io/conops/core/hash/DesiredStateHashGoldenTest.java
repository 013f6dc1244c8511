package io.conops.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the desired-state hashes of a fixed project to the hasher's version. A change to the
 * canonical form changes every {@code conops.config-hash} label, and so recreates every service of
 * every app on upgrade: such a change must raise {@link DesiredStateHasher#VERSION}, and then this
 * table is updated with it, on purpose.
 */
class DesiredStateHashGoldenTest {
    static final int PINNED_VERSION = 1;
    static final Map<String, String> PINNED = Map.of(
            "api", "027f656e5c6cfeb0a2f54e2084ad7fead1353c3a200abb711ff2f03ee526d649",
            "web", "2d1fbc28d49e5bee130554f8edf368e212ca50654c32f591c8b5bc1d43542626");

    @TempDir
    Path tmp;

    @Test
    void hashesOfAFixedProjectAreThoseOfTheHashersVersion() throws Exception {
        Path dir = Shop.checkout(tmp.resolve("checkout"));
        SortedMap<String, String> hashes = new TreeMap<>();
        new DesiredStateHasher(dir)
                .fingerprintAll(Shop.model(dir), service -> service.equals("web") ? "sha256:" + "1".repeat(64) : null)
                .forEach((name, fp) -> hashes.put(name, fp.hash()));

        assertThat(DesiredStateHasher.VERSION)
                .as("the hasher's version changed: update PINNED_VERSION and the pinned hashes together")
                .isEqualTo(PINNED_VERSION);
        assertThat(hashes)
                .as("the hashes changed without a new DesiredStateHasher.VERSION: every service would be"
                        + " recreated on upgrade")
                .isEqualTo(PINNED);
    }
}
