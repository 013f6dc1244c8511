package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.core.hash.ServiceFingerprint;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RenderCacheTest {
    final RenderCache cache = new RenderCache();
    final RenderCache.Key key = new RenderCache.Key(
            "a".repeat(40), "file:///repo.git", "compose.yaml", "shop", "", "hosts", io.conops.core.app.Layout.COMPOSE);

    private static RenderCache.Render render(RenderCache.Key key, int files) {
        SortedMap<String, String> hashes = new TreeMap<>();
        for (int i = 0; i < files; i++) {
            hashes.put("site/" + i, "h");
        }
        ServiceFingerprint fp =
                new ServiceFingerprint("web", 1, "hash", "def", new TreeMap<>(), new TreeMap<>(), hashes, "img");
        return new RenderCache.Render(
                key, new TreeMap<>(Map.of("web", fp)), Map.of("web", "img"), java.util.Set.of(), Map.of());
    }

    @Test
    void theSameCommitAndSpecAreServedFromTheCache() {
        UUID app = UUID.randomUUID();
        RenderCache.Render r = render(key, 1);
        cache.put(app, r);

        assertThat(cache.get(app, key)).containsSame(r);
    }

    @Test
    void anotherCommitComposePathOrServiceEnvsIsNot() {
        UUID app = UUID.randomUUID();
        cache.put(app, render(key, 1));

        assertThat(cache.get(
                        app,
                        new RenderCache.Key(
                                "b".repeat(40),
                                key.repoUrl(),
                                key.composePath(),
                                "shop",
                                "",
                                "hosts",
                                io.conops.core.app.Layout.COMPOSE)))
                .isEmpty();
        assertThat(cache.get(
                        app,
                        new RenderCache.Key(
                                key.sha(),
                                key.repoUrl(),
                                "other.yaml",
                                "shop",
                                "",
                                "hosts",
                                io.conops.core.app.Layout.COMPOSE)))
                .isEmpty();
        // other service_envs values: the model may interpolate them
        assertThat(cache.get(
                        app,
                        new RenderCache.Key(
                                key.sha(),
                                key.repoUrl(),
                                key.composePath(),
                                "shop",
                                "9f2c",
                                "hosts",
                                io.conops.core.app.Layout.COMPOSE)))
                .isEmpty();
        assertThat(cache.get(UUID.randomUUID(), key)).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedGoWhenTheFilesHeldPassTheBound() {
        UUID old = UUID.randomUUID();
        UUID used = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        int third = (int) (RenderCache.MAX_FILES / 3);
        cache.put(old, render(key, third));
        cache.put(used, render(key, third));
        cache.get(old, key);
        cache.put(fresh, render(key, third));

        assertThat(cache.get(used, key)).isEmpty();
        assertThat(cache.get(old, key)).isPresent();
        assertThat(cache.get(fresh, key)).isPresent();
    }
}
